/**
 * DepositStakeTx's sanity bounds and messages (docs/ledger.md §5.9): the validator minimum at its
 * edge, the currency of each purpose, the elite edge node minimum and cap at their edges (a
 * deposit at the edge passes the bound and stops later, at the BLS summary it lacks), the
 * balance against stake + fee, and the unknown source.
 */
import { bytesToHex, coins, minTxFee, minValidatorStake, privatenet } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../../src/execution/context.ts";
import { executeDepositStakeTx } from "../../src/execution/depositStakeTx.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { MAX_EEN_STAKE_DEPOSIT, MIN_EEN_STAKE_DEPOSIT } from "../../src/staking/amounts.ts";
import { context, deposit, E18, fundedState, key } from "../helpers/stakeFixture.ts";

const S = key(71);
const V = key(72);
const E = key(73);
const H = 100n;
const FEE = minTxFee(privatenet, H);
const MIN_V = minValidatorStake(privatenet, H);

const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;

async function ctxWith(balance = coins(10n * MIN_V, MAX_EEN_STAKE_DEPOSIT * 2n)) {
  const state = await fundedState([S.address], balance);
  return { state, ctx: context(state, privatenet, H, ExecMode.Check) };
}

describe("DepositStakeTx bounds", () => {
  it("the validator minimum passes; one wei less fails naming the minimum", async () => {
    const { ctx } = await ctxWith();
    const at = deposit(privatenet, H, S, V.address, { stake: coins(MIN_V, 0n), purpose: 0 });
    expect(await executeDepositStakeTx(ctx, at)).toEqual({ ok: true });
    const below = deposit(privatenet, H, S, V.address, { stake: coins(MIN_V - 1n, 0n), purpose: 0 });
    expect(failureOf(await executeDepositStakeTx(ctx, below))).toEqual({
      code: ExecCode.InsufficientStake,
      message: `deposit_stake.source.coins: expected at least ${MIN_V} ThetaWei`,
    });
  });

  it("names the purpose and the currency of each purpose", async () => {
    const { ctx } = await ctxWith();
    const bad = deposit(privatenet, H, S, V.address, { stake: coins(MIN_V, 0n), purpose: 3 });
    expect(failureOf(await executeDepositStakeTx(ctx, bad))).toEqual({
      code: ExecCode.InvalidStakePurpose,
      message: "deposit_stake.purpose: expected 0, 1 or 2, got 3",
    });
    for (const purpose of [0, 1]) {
      const tfuel = deposit(privatenet, H, S, V.address, { stake: coins(MIN_V, 1n), purpose });
      expect(failureOf(await executeDepositStakeTx(ctx, tfuel))).toEqual({
        code: ExecCode.InvalidStake,
        message: "deposit_stake.source.coins: TFuel must be zero for validator or guardian stake",
      });
    }
    const theta = deposit(privatenet, H, S, E.address, {
      stake: coins(1n, MIN_EEN_STAKE_DEPOSIT),
      purpose: 2,
    });
    expect(failureOf(await executeDepositStakeTx(ctx, theta))).toEqual({
      code: ExecCode.InvalidStake,
      message: "deposit_stake.source.coins: THETA must be zero for elite edge node stake",
    });
  });

  it("the elite edge node minimum: one wei less fails naming it; the minimum itself passes the bound", async () => {
    const { ctx } = await ctxWith();
    const below = deposit(privatenet, H, S, E.address, {
      stake: coins(0n, MIN_EEN_STAKE_DEPOSIT - 1n),
      purpose: 2,
    });
    expect(failureOf(await executeDepositStakeTx(ctx, below))).toEqual({
      code: ExecCode.InsufficientStake,
      message: `deposit_stake.source.coins: expected at least ${MIN_EEN_STAKE_DEPOSIT} TFuelWei`,
    });
    const at = deposit(privatenet, H, S, E.address, { stake: coins(0n, MIN_EEN_STAKE_DEPOSIT), purpose: 2 });
    const r = failureOf(await executeDepositStakeTx(ctx, at));
    // Past the bound: a new node without a BLS summary is what stops it.
    expect(r?.code).toBe(ExecCode.Generic);
    expect(r?.message).not.toMatch(/at least|at most/);
  });

  it("the elite edge node cap: the cap itself passes the bound; one wei more fails naming it", async () => {
    const { ctx } = await ctxWith();
    const at = deposit(privatenet, H, S, E.address, { stake: coins(0n, MAX_EEN_STAKE_DEPOSIT), purpose: 2 });
    const r = failureOf(await executeDepositStakeTx(ctx, at));
    expect(r?.code).toBe(ExecCode.Generic);
    expect(r?.message).not.toMatch(/at least|at most/);
    const over = deposit(privatenet, H, S, E.address, {
      stake: coins(0n, MAX_EEN_STAKE_DEPOSIT + 1n),
      purpose: 2,
    });
    expect(failureOf(await executeDepositStakeTx(ctx, over))).toEqual({
      code: ExecCode.StakeExceedsCap,
      message: `deposit_stake: at most ${MAX_EEN_STAKE_DEPOSIT} TFuelWei may be staked to one elite edge node`,
    });
  });

  it("elite edge node staking is refused before HeightEnableTheta3 with its own message", async () => {
    const { state } = await ctxWith();
    const profile = { ...privatenet, heights: { ...privatenet.heights, enableTheta3: H + 1n } };
    const ctx = context(state, profile, H, ExecMode.Check);
    const tx = deposit(profile, H, S, E.address, { stake: coins(0n, MIN_EEN_STAKE_DEPOSIT), purpose: 2 });
    expect(failureOf(await executeDepositStakeTx(ctx, tx))).toEqual({
      code: ExecCode.Generic,
      message: "deposit_stake: elite edge node staking is not enabled yet",
    });
  });

  it("the balance must cover stake + fee exactly; the message names the check", async () => {
    const { ctx } = await ctxWith(coins(MIN_V, FEE));
    const tx = deposit(privatenet, H, S, V.address, { stake: coins(MIN_V, 0n), purpose: 0 });
    expect(await executeDepositStakeTx(ctx, tx)).toEqual({ ok: true });
    const poor = await ctxWith(coins(MIN_V, FEE - 1n));
    expect(failureOf(await executeDepositStakeTx(poor.ctx, tx))).toEqual({
      code: ExecCode.InsufficientStake,
      message: "deposit_stake: balance below the stake plus the fee",
    });
  });

  it("names an unknown source and negative coins", async () => {
    const { ctx } = await ctxWith();
    const stranger = key(74);
    const tx = deposit(privatenet, H, stranger, V.address, { stake: coins(MIN_V, 0n), purpose: 0 });
    expect(failureOf(await executeDepositStakeTx(ctx, tx))).toEqual({
      code: ExecCode.Generic,
      message: `deposit_stake.source: unknown address 0x${bytesToHex(stranger.address)}`,
    });
    const neg = { ...tx, source: { ...tx.source, address: S.address, coins: coins(-1n, 0n) } };
    expect(failureOf(await executeDepositStakeTx(ctx, neg))).toEqual({
      code: ExecCode.Generic,
      message: "deposit_stake.source.coins: expected non-negative amounts",
    });
  });

  it("delivering moves the stake and charges stake + fee once", async () => {
    const { state } = await ctxWith(coins(2n * MIN_V, 10n * E18));
    const ctx = context(state, privatenet, H, ExecMode.Deliver);
    const tx = deposit(privatenet, H, S, V.address, { stake: coins(MIN_V, 0n), purpose: 0 });
    expect(await executeDepositStakeTx(ctx, tx)).toEqual({ ok: true });
    const acc = (await state.getAccount(S.address))!;
    expect([acc.balance.thetaWei, acc.balance.tfuelWei, acc.sequence]).toEqual([MIN_V, 10n * E18 - FEE, 1n]);
    expect((await state.getStakeTransactionHeightList()).at(-1)).toBe(H);
  });
});
