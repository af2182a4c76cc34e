/**
 * The failure messages of WithdrawStakeTx (docs/ledger.md §5.10) and StakeRewardDistributionTx
 * (docs/ledger.md §5.11), each naming its check, and the split bound of 1000 basis points (10.00%)
 * inclusive.
 * Validator stakes only: no BLS summary to build, so these stay fast.
 */
import {
  bytesToHex,
  coins,
  minTxFee,
  privatenet,
  type StakeRewardDistributionTx,
  TxType,
  type WithdrawStakeTx,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../../src/execution/context.ts";
import { executeDepositStakeTx } from "../../src/execution/depositStakeTx.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { executeStakeRewardDistributionTx } from "../../src/execution/stakeRewardDistributionTx.ts";
import { executeWithdrawStakeTx } from "../../src/execution/withdrawStakeTx.ts";
import { context, crypto, deposit, E18, fundedState, key, withdraw } from "../helpers/stakeFixture.ts";

const S = key(61);
const V = key(62);
const B = key(63);
const HEIGHT = 100n;
const FEE = minTxFee(privatenet, HEIGHT);

const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;

async function staked() {
  const state = await fundedState([S.address], coins(1_000_000n * E18, 10n * E18));
  const ctx = context(state, privatenet, HEIGHT);
  const d = deposit(privatenet, HEIGHT, S, V.address, { stake: coins(200_000n * E18, 0n), purpose: 0 });
  expect(await executeDepositStakeTx(ctx, d)).toEqual({ ok: true });
  return { state, ctx };
}

describe("WithdrawStakeTx messages", () => {
  it("names negative coins, an unknown source, a bad purpose and an unknown stake", async () => {
    const { ctx } = await staked();
    const w = withdraw(privatenet, HEIGHT, S, V.address, 0);
    const neg: WithdrawStakeTx = { ...w, source: { ...w.source, coins: coins(0n, -1n) } };
    expect(failureOf(await executeWithdrawStakeTx(ctx, neg))).toEqual({
      code: ExecCode.Generic,
      message: "withdraw_stake.source.coins: expected non-negative amounts",
    });
    const stranger = key(64);
    expect(
      failureOf(await executeWithdrawStakeTx(ctx, withdraw(privatenet, HEIGHT, stranger, V.address, 0, 1n))),
    ).toEqual({
      code: ExecCode.Generic,
      message: `withdraw_stake.source: unknown address 0x${bytesToHex(stranger.address)}`,
    });
    expect(
      failureOf(await executeWithdrawStakeTx(ctx, withdraw(privatenet, HEIGHT, S, V.address, 3))),
    ).toEqual({
      code: ExecCode.InvalidStakePurpose,
      message: "withdraw_stake.purpose: expected 0, 1 or 2, got 3",
    });
    const none = failureOf(await executeWithdrawStakeTx(ctx, withdraw(privatenet, HEIGHT, S, B.address, 0)));
    expect(none?.code).toBe(ExecCode.Generic);
    expect(none?.message.startsWith("withdraw_stake: failed to withdraw stake: ")).toBe(true);
    expect(none?.message.length).toBeGreaterThan("withdraw_stake: failed to withdraw stake: ".length);
  });

  it("names a balance below the fee; the exact fee is enough", async () => {
    const { state, ctx } = await staked();
    const acc = (await state.getAccount(S.address))!;
    await state.setAccount({ ...acc, balance: coins(0n, FEE - 1n) });
    expect(
      failureOf(await executeWithdrawStakeTx(ctx, withdraw(privatenet, HEIGHT, S, V.address, 0))),
    ).toEqual({
      code: ExecCode.Generic,
      message: "withdraw_stake: source balance below the fee",
    });
    await state.setAccount({ ...acc, balance: coins(0n, FEE) });
    expect(await executeWithdrawStakeTx(ctx, withdraw(privatenet, HEIGHT, S, V.address, 0))).toEqual({
      ok: true,
    });
    const after = (await state.getAccount(S.address))!;
    expect([after.balance.tfuelWei, after.sequence]).toEqual([0n, 2n]);
    const stake = (await state.getVcp()).sortedCandidates[0]!.stakes[0]!;
    expect([stake.withdrawn, stake.returnHeight]).toEqual([
      true,
      HEIGHT - 1n + privatenet.returnLockingPeriod,
    ]);
  });

  it("check mode writes nothing for a validator withdrawal", async () => {
    const { state } = await staked();
    const before = await state.root();
    const ctx = context(state, privatenet, HEIGHT, ExecMode.Check);
    expect(await executeWithdrawStakeTx(ctx, withdraw(privatenet, HEIGHT, S, V.address, 0))).toEqual({
      ok: true,
    });
    expect(await state.root()).toEqual(before);
  });
});

function srd(bp: bigint, o: { fee?: bigint } = {}): StakeRewardDistributionTx {
  const tx: StakeRewardDistributionTx = {
    type: TxType.StakeRewardDistribution,
    fee: coins(0n, o.fee ?? FEE),
    holder: { address: S.address, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
    beneficiary: { address: B.address, coins: coins(0n, 0n) },
    splitBasisPoint: bp,
  };
  return crypto.signTx(privatenet.chainId, tx, S.sk);
}

describe("StakeRewardDistributionTx messages", () => {
  const setup = async (balance = 10n * E18) => {
    const state = await fundedState([S.address], coins(0n, balance));
    return { state, ctx: context(state, privatenet, HEIGHT, ExecMode.Check) };
  };

  it("1000 basis points pass, 1001 fail naming the bound", async () => {
    const { ctx } = await setup();
    expect(await executeStakeRewardDistributionTx(ctx, srd(1000n))).toEqual({ ok: true });
    expect(failureOf(await executeStakeRewardDistributionTx(ctx, srd(1001n)))).toEqual({
      code: ExecCode.Generic,
      message: "stake_reward_distribution.split_basis_point: expected at most 1000 (10.00%), got 1001",
    });
  });

  it("names negative coins, an unknown holder and a balance below the fee", async () => {
    const { ctx } = await setup();
    const t = srd(10n);
    // Negative coins cannot be signed (RLP has no negative integers): the check comes first anyway.
    const negative = { ...t, holder: { ...t.holder, coins: coins(0n, -1n) } };
    expect(failureOf(await executeStakeRewardDistributionTx(ctx, negative))).toEqual({
      code: ExecCode.Generic,
      message: "stake_reward_distribution.holder.coins: expected non-negative amounts",
    });
    const unknown = { ...t, holder: { ...t.holder, address: B.address } };
    expect(failureOf(await executeStakeRewardDistributionTx(ctx, unknown))).toEqual({
      code: ExecCode.Generic,
      message: `stake_reward_distribution.holder: unknown address 0x${bytesToHex(B.address)}`,
    });
    const poor = await setup(FEE - 1n);
    expect(failureOf(await executeStakeRewardDistributionTx(poor.ctx, srd(10n)))).toEqual({
      code: ExecCode.Generic,
      message: "stake_reward_distribution: holder balance below the fee",
    });
    const exact = await setup(FEE);
    expect(await executeStakeRewardDistributionTx(exact.ctx, srd(10n))).toEqual({ ok: true });
  });

  it("is refused below HeightEnableTheta3 with its own message", async () => {
    const { state } = await setup();
    const profile = { ...privatenet, heights: { ...privatenet.heights, enableTheta3: HEIGHT + 1n } };
    const ctx = context(state, profile, HEIGHT, ExecMode.Check);
    expect(failureOf(await executeStakeRewardDistributionTx(ctx, srd(10n)))).toEqual({
      code: ExecCode.Generic,
      message: "stake_reward_distribution: tx type not supported yet",
    });
  });
});
