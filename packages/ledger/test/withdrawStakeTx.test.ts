import { type ChainProfile, coins, mainnet, minTxFee, privatenet } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { executeDepositStakeTx } from "../src/execution/depositStakeTx.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { executeWithdrawStakeTx } from "../src/execution/withdrawStakeTx.ts";
import {
  blsFields,
  codeOf,
  context,
  deposit,
  E18,
  fundedState,
  key,
  withdraw,
} from "./helpers/stakeFixture.ts";

const S = key(9);
const S2 = key(8);
const V = key(7);
const G = key(5);
const E = key(31);
const BAL = coins(5_000_000n * E18, 1_000_000n * E18);
const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 100n],
  [mainnet, 20_000_000n],
];

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "WithdrawStakeTx on $name",
  ({ profile, height }) => {
    const fee = minTxFee(profile, height);
    const P = height - 1n;
    /** S and S2 stake to validator V, guardian G and EEN E (sequences 1–3 each). */
    const staked = async (mode: ExecMode = ExecMode.Deliver) => {
      const state = await fundedState([S.address, S2.address], BAL);
      const ctx = context(state, profile, height);
      for (const src of [S, S2]) {
        const txs = [
          deposit(profile, height, src, V.address, { stake: coins(200_000n * E18, 0n), purpose: 0, seq: 1n }),
          deposit(profile, height, src, G.address, {
            stake: coins(1_000n * E18, 0n),
            purpose: 1,
            seq: 2n,
            bls: blsFields(G),
          }),
          deposit(profile, height, src, E.address, {
            stake: coins(0n, 10_000n * E18),
            purpose: 2,
            seq: 3n,
            bls: blsFields(E),
          }),
        ];
        for (const tx of txs) expect(codeOf(await executeDepositStakeTx(ctx, tx))).toBeUndefined();
      }
      return { state, ctx: context(state, profile, height, mode) };
    };

    it("validator: marks the stake withdrawn at P + 28800, re-sorts, appends H to sthl", async () => {
      const { state, ctx } = await staked();
      const before = (await state.getAccount(S.address))!;
      expect(
        codeOf(await executeWithdrawStakeTx(ctx, withdraw(profile, height, S, V.address, 0, 4n))),
      ).toBeUndefined();
      const c = (await state.getVcp()).sortedCandidates[0]!;
      expect(c.stakes.map((s) => [s.withdrawn, s.returnHeight])).toEqual([
        [true, P + 28_800n],
        [false, 2n ** 64n - 1n],
      ]);
      const after = (await state.getAccount(S.address))!;
      expect(after.sequence).toBe(4n);
      expect(after.balance).toEqual(coins(before.balance.thetaWei, before.balance.tfuelWei - fee));
      expect((await state.getStakeTransactionHeightList()).length).toBe(3);
    });

    it("guardian: marks the stake withdrawn; the guardian stays in place", async () => {
      const { state, ctx } = await staked();
      expect(
        codeOf(await executeWithdrawStakeTx(ctx, withdraw(profile, height, S, G.address, 1, 4n))),
      ).toBeUndefined();
      const g = (await state.getGcp())!.sortedGuardians[0]!;
      expect(g.stakes.map((s) => s.withdrawn)).toEqual([true, false]);
      expect((await state.getStakeTransactionHeightList()).length).toBe(2);
    });

    it("elite edge node: marks the stake, lowers the active total, lists the return", async () => {
      const { state, ctx } = await staked();
      expect(
        codeOf(await executeWithdrawStakeTx(ctx, withdraw(profile, height, S, E.address, 2, 4n))),
      ).toBeUndefined();
      expect(await state.getEenTotalActiveStake()).toBe(10_000n * E18);
      const list = await state.getEenStakeReturns(P + 28_800n);
      expect(list.map((x) => [x.holder, x.stake.source, x.stake.amount])).toEqual([
        [E.address, S.address, 10_000n * E18],
      ]);
      expect(
        codeOf(await executeWithdrawStakeTx(ctx, withdraw(profile, height, S2, E.address, 2, 4n))),
      ).toBeUndefined();
      expect(await state.getEenTotalActiveStake()).toBe(0n);
      expect((await state.getEenStakeReturns(P + 28_800n)).length).toBe(2);
    });

    it("each check in the reference's order", async () => {
      const { ctx } = await staked();
      const run = async (tx: ReturnType<typeof withdraw>) => codeOf(await executeWithdrawStakeTx(ctx, tx));
      const w = withdraw(profile, height, S, V.address, 0, 4n);
      expect(await run(withdraw(profile, height, key(40), V.address, 0, 1n))).toBe(ExecCode.Generic);
      expect(await run(withdraw(profile, height, S, V.address, 0, 5n))).toBe(ExecCode.InvalidSequence);
      expect(await run({ ...w, source: { ...w.source, signature: new Uint8Array(65) } })).toBe(
        ExecCode.InvalidSignature,
      );
      expect(await run({ ...withdraw(profile, height, S, V.address, 9, 4n), fee: coins(0n, fee - 1n) })).toBe(
        ExecCode.InvalidSignature,
      );
      expect(await run(withdraw(profile, height, S, V.address, 3, 4n))).toBe(ExecCode.InvalidStakePurpose);
      expect(await run(withdraw(profile, height, S, key(41).address, 0, 4n))).toBe(ExecCode.Generic);
      expect(await run(withdraw(profile, height, S, key(41).address, 1, 4n))).toBe(ExecCode.Generic);
      expect(await run(withdraw(profile, height, S, key(41).address, 2, 4n))).toBe(ExecCode.Generic);
      expect(await run(w)).toBeUndefined();
      expect(await run(withdraw(profile, height, S, V.address, 0, 5n))).toBe(ExecCode.Generic);
    });

    it("the fee must be TFuel, at least the minimum, and covered by the balance", async () => {
      const state = await fundedState([S.address], coins(0n, fee - 1n));
      const ctx = context(state, profile, height);
      const w = withdraw(profile, height, S, V.address, 0, 1n);
      expect(codeOf(await executeWithdrawStakeTx(ctx, w))).toBe(ExecCode.Generic);
      const state2 = await fundedState([S.address], BAL);
      const ctx2 = context(state2, profile, height);
      const cheap = { ...w, fee: coins(0n, fee - 1n) };
      const signed = (await import("./helpers/stakeFixture.ts")).crypto.signTx(profile.chainId, cheap, S.sk);
      expect(codeOf(await executeWithdrawStakeTx(ctx2, signed))).toBe(ExecCode.InvalidFee);
    });

    it("check mode writes nothing", async () => {
      const { state, ctx } = await staked(ExecMode.Check);
      const before = await state.root();
      expect(
        codeOf(await executeWithdrawStakeTx(ctx, withdraw(profile, height, S, E.address, 2, 4n))),
      ).toBeUndefined();
      expect(await state.root()).toEqual(before);
    });
  },
);
