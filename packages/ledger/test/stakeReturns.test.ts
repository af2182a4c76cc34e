import { type ChainProfile, coins, mainnet, newAccount, privatenet, StateKey } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { executeDepositStakeTx } from "../src/execution/depositStakeTx.ts";
import { applyStakeReturns } from "../src/execution/stakeReturns.ts";
import { executeWithdrawStakeTx } from "../src/execution/withdrawStakeTx.ts";
import { validatorSetFromVcp } from "../src/staking/validatorPool.ts";
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
const V2 = key(6);
const G = key(5);
const E = key(31);
const BAL = coins(5_000_000n * E18, 1_000_000n * E18);
const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 100n],
  [mainnet, 20_000_000n],
];

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "stake deposit, withdrawal and return on $name",
  ({ profile, height: h0 }) => {
    it("changes the VCP (and the validator set) at the right heights and pays the stake back", async () => {
      const state = await fundedState([S.address, S2.address], BAL);
      const at = (h: bigint) => context(state, profile, h);
      const big = deposit(profile, h0, S, V.address, { stake: coins(300_000n * E18, 0n), purpose: 0 });
      const small = deposit(profile, h0, S2, V2.address, { stake: coins(200_000n * E18, 0n), purpose: 0 });
      expect(codeOf(await executeDepositStakeTx(at(h0), big))).toBeUndefined();
      expect(codeOf(await executeDepositStakeTx(at(h0), small))).toBeUndefined();
      await applyStakeReturns(at(h0));
      const set0 = validatorSetFromVcp(await state.getVcp(), 31);
      expect(set0.map((v) => v.stake).sort()).toEqual([200_000n * E18, 300_000n * E18].sort());

      const h1 = h0 + 10n;
      expect(
        codeOf(await executeWithdrawStakeTx(at(h1), withdraw(profile, h1, S, V.address, 0, 2n))),
      ).toBeUndefined();
      await applyStakeReturns(at(h1));
      // Withdrawn stake stops counting at once: V has no stake, V2 is first, V is out of the set.
      const vcp1 = await state.getVcp();
      expect(vcp1.sortedCandidates.map((c) => c.holder)).toEqual([V2.address, V.address]);
      expect(validatorSetFromVcp(vcp1, 31).map((v) => v.address)).toEqual([V2.address]);

      const due = h1 + 28_800n; // return height P1 + 28800 = h1 + 28799 = the parent of `due`
      const balance = async () => (await state.getAccount(S.address))!.balance.thetaWei;
      const held = await balance();
      await applyStakeReturns(at(due - 1n));
      expect(await balance()).toBe(held);
      expect((await state.getVcp()).sortedCandidates).toHaveLength(2);
      await applyStakeReturns(at(due));
      expect(await balance()).toBe(held + 300_000n * E18);
      expect((await state.getVcp()).sortedCandidates.map((c) => c.holder)).toEqual([V2.address]);
      await applyStakeReturns(at(due + 1n));
      expect(await balance()).toBe(held + 300_000n * E18);
    });

    it("returns guardian stakes (P ≥ return height) and EEN stakes (P == return height)", async () => {
      const state = await fundedState([S.address, S2.address], BAL);
      const at = (h: bigint) => context(state, profile, h);
      const txs = [
        deposit(profile, h0, S, G.address, { stake: coins(1_000n * E18, 0n), purpose: 1, bls: blsFields(G) }),
        deposit(profile, h0, S, E.address, {
          stake: coins(0n, 10_000n * E18),
          purpose: 2,
          seq: 2n,
          bls: blsFields(E),
        }),
        deposit(profile, h0, S2, E.address, { stake: coins(0n, 20_000n * E18), purpose: 2 }),
        withdraw(profile, h0, S, G.address, 1, 3n),
        withdraw(profile, h0, S, E.address, 2, 4n),
      ];
      for (const tx of txs) {
        const r =
          "blsPop" in tx ? await executeDepositStakeTx(at(h0), tx) : await executeWithdrawStakeTx(at(h0), tx);
        expect(codeOf(r)).toBeUndefined();
      }
      const due = h0 + 28_800n;
      const before = (await state.getAccount(S.address))!.balance;
      await applyStakeReturns(at(due - 1n));
      expect((await state.getAccount(S.address))!.balance).toEqual(before);
      await applyStakeReturns(at(due));
      expect((await state.getAccount(S.address))!.balance).toEqual(
        coins(before.thetaWei + 1_000n * E18, before.tfuelWei + 10_000n * E18),
      );
      expect((await state.getGcp())!.sortedGuardians).toEqual([]);
      const node = (await state.getEliteEdgeNode(E.address))!;
      expect(node.stakes.map((s) => s.source)).toEqual([S2.address]);
      expect(await state.getEenStakeReturns(due - 1n)).toEqual([]);
      expect(await state.getEenTotalActiveStake()).toBe(20_000n * E18);
    });

    it("writes nothing when there is no VCP, no GCP and no return list", async () => {
      const state = await fundedState([S.address], BAL);
      const root = await state.root();
      await applyStakeReturns(context(state, profile, h0));
      expect(await state.root()).toEqual(root);
      expect(await state.trie.get(StateKey.vcp())).toBeUndefined();
    });

    it("a returned stake whose source account is missing is a state error", async () => {
      const state = await fundedState([], BAL);
      const holder = {
        holder: V.address,
        stakes: [{ source: S.address, amount: 1n, withdrawn: true, returnHeight: 5n }],
      };
      await state.setVcp({ sortedCandidates: [holder] });
      await expect(applyStakeReturns(context(state, profile, h0))).rejects.toMatchObject({
        code: "STAKING_MISSING_SOURCE_ACCOUNT",
      });
    });
  },
);

describe("EEN stake returns on mainnet", () => {
  it("do not run below HeightEnableTheta3", async () => {
    const state = await fundedState([S.address], BAL);
    const stake = { source: S.address, amount: 10_000n * E18, withdrawn: true, returnHeight: 99n };
    await state.setEliteEdgeNode({ holder: E.address, stakes: [stake], blsPubkey: new Uint8Array(48) });
    await state.setEenStakeReturns(99n, [{ holder: E.address, stake }]);
    await state.setAccount({ ...newAccount(S.address), balance: BAL });
    const root = await state.root();
    await applyStakeReturns(
      context(state, { ...mainnet, heights: { ...mainnet.heights, enableTheta3: 101n } }, 100n),
    );
    expect(await state.root()).toEqual(root);
    await applyStakeReturns(
      context(state, { ...mainnet, heights: { ...mainnet.heights, enableTheta3: 100n } }, 100n),
    );
    expect(await state.getEliteEdgeNode(E.address)).toBeUndefined();
    expect((await state.getAccount(S.address))!.balance.tfuelWei).toBe(BAL.tfuelWei + 10_000n * E18);
  });
});
