import {
  type Address,
  type AggregatedVotes,
  type ChainProfile,
  coins,
  type Guardian,
  mainnet,
  privatenet,
  type Stake,
  type StakeHolder,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import type { BlockRewardInfo } from "../src/rewards/blockInfo.ts";
import { buildCoinbaseOutputs, computeBlockRewards } from "../src/rewards/blockRewards.ts";
import { paySplit, RewardMap } from "../src/rewards/rewardMap.ts";
import { newStake } from "../src/staking/stakeHolder.ts";
import { validatorSetFromVcp } from "../src/staking/validatorPool.ts";
import { context, E18, fundedState, key } from "./helpers/stakeFixture.ts";

const X = key(11).address;
const Y = key(12).address;
const A = key(13).address;
const B = key(14).address;
const C = key(15).address;
const G1 = key(16).address;
const G2 = key(17).address;
const BEN = key(18).address;
const EEN = key(19).address;
const K = 1_000n * E18;
const CHECKPOINT = new Uint8Array(32).fill(0x33);

/** docs/ledger.md §8.5: X holds A 600,000 and B 200,000; Y holds A 200,000 (THETA). */
const X_STAKES: StakeHolder = { holder: X, stakes: [newStake(A, 600n * K), newStake(B, 200n * K)] };
const Y_STAKES: StakeHolder = { holder: Y, stakes: [newStake(A, 200n * K)] };

async function stateWith(
  profile: ChainProfile,
  height: bigint,
  extra?: (s: Awaited<ReturnType<typeof fundedState>>) => Promise<void>,
) {
  const state = await fundedState([], coins(0n, 0n));
  await state.setVcp({ sortedCandidates: [X_STAKES, Y_STAKES] });
  if (extra) await extra(state);
  return context(state, profile, height);
}

const V = validatorSetFromVcp({ sortedCandidates: [X_STAKES, Y_STAKES] }, 31);
const amounts = (m: RewardMap) =>
  new Map(m.entries().map((e) => [Buffer.from(e.address).toString("hex"), e.amount]));
const hex = (a: Address) => Buffer.from(a).toString("hex");

describe("block rewards, regime 2 (docs/ledger.md §8.5 example)", () => {
  for (const [profile, height] of [
    [mainnet, 5_000_001n],
    [privatenet, 101n],
  ] as const) {
    it(`${profile.name}: A gets 3,840 TFUEL and B 960 on a checkpoint; nothing between checkpoints`, async () => {
      const ctx = await stateWith(profile, height);
      const m = amounts(await computeBlockRewards(ctx, { validators: V }));
      expect(m).toEqual(
        new Map([
          [hex(A), 3_840n * E18],
          [hex(B), 960n * E18],
        ]),
      );
      const outputs = await buildCoinbaseOutputs(ctx, { validators: V });
      expect(outputs.map((o) => o.coins)).toEqual(outputs.map((o) => coins(0n, m.get(hex(o.address))!)));
      const between = await stateWith(profile, height + 1n);
      expect((await computeBlockRewards(between, { validators: V })).size).toBe(0);
    });
  }

  it("docs/ledger.md §8.5 split: a 100-TFUEL reward for A's stake on X with a 500 bp rule pays A 95 and the beneficiary 5", async () => {
    const m = new RewardMap();
    const rule = { stakeHolder: X, beneficiary: BEN, splitBasisPoint: 500n };
    await paySplit(m, { holder: X, source: A, amount: 1n }, 100n * E18, async (h) =>
      h === X ? rule : undefined,
    );
    expect(amounts(m)).toEqual(
      new Map([
        [hex(A), 95n * E18],
        [hex(BEN), 5n * E18],
      ]),
    );
  });

  it("a validator without a VCP entry is an input error", async () => {
    const ctx = await stateWith(privatenet, 101n);
    await expect(computeBlockRewards(ctx, { validators: [{ address: C, stake: 1n }] })).rejects.toMatchObject(
      {
        code: "REWARD_VALIDATOR_NOT_IN_POOL",
      },
    );
  });
});

describe("block rewards, regime 1 (mainnet before HeightEnableValidatorReward)", () => {
  it("every validator gets a zero output on every block", async () => {
    for (const h of [4_164_901n, 4_164_902n]) {
      const ctx = await stateWith(mainnet, h);
      const outs = await buildCoinbaseOutputs(ctx, { validators: V });
      expect(outs.map((o) => [hex(o.address), o.coins])).toEqual(
        [X, Y].map((a) => [hex(a), coins(0n, 0n)]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
    }
  });
});

const guardian = (holder: Address, stakes: Stake[]): Guardian => ({
  holder,
  stakes,
  blsPubkey: new Uint8Array(48),
});
const votes = (multiplies: number[]): AggregatedVotes => ({
  block: CHECKPOINT,
  gcp: new Uint8Array(32),
  multiplies,
  signature: undefined,
});

describe("block rewards, regime 3 (validators and voting guardians)", () => {
  const withdrawn = { ...newStake(A, 50n * K), withdrawn: true, returnHeight: 10n };
  const gcp = {
    sortedGuardians: [
      guardian(G1, [newStake(C, 100n * K), withdrawn]),
      guardian(G2, [newStake(B, 300n * K)]),
    ],
  };
  const info = async (multiplies: number[]): Promise<BlockRewardInfo> => {
    const voteState = await fundedState([], coins(0n, 0n));
    await voteState.setGcp(gcp);
    return { validators: V, guardianVotes: votes(multiplies), voteCheckpointState: voteState };
  };

  it("mainnet fixed shares: only voting guardians' stakes join, per source", async () => {
    const ctx = await stateWith(mainnet, 6_000_001n);
    const total = 1_000n * K + 100n * K;
    const r = 4_800n * E18;
    const m = amounts(await computeBlockRewards(ctx, await info([1, 0])));
    expect(m).toEqual(
      new Map([
        [hex(A), (r * 800n * K) / total],
        [hex(B), (r * 200n * K) / total],
        [hex(C), (r * 100n * K) / total],
      ]),
    );
  });

  it("mainnet sampled: 400 draws of 12 TFUEL each go to stake sources only", async () => {
    const ctx = await stateWith(mainnet, 10_000_001n);
    const m = await computeBlockRewards(ctx, await info([1, 1]));
    const sources = new Set([A, B, C].map(hex));
    let sum = 0n;
    for (const e of m.entries()) {
      expect(sources.has(hex(e.address))).toBe(true);
      expect(e.amount % (12n * E18)).toBe(0n);
      sum += e.amount;
    }
    expect(sum).toBe(4_800n * E18);
    expect(amounts(await computeBlockRewards(ctx, await info([1, 1])))).toEqual(amounts(m));
  });

  it("guardian votes without the checkpoint state are an input error", async () => {
    const ctx = await stateWith(mainnet, 6_000_001n);
    await expect(
      computeBlockRewards(ctx, { validators: V, guardianVotes: votes([1]) }),
    ).rejects.toMatchObject({
      code: "REWARD_MISSING_VOTE_STATE",
    });
  });
});

describe("block rewards, regime 4 on privatenet (split rules and elite edge nodes)", () => {
  it("splits per stake by the holder's rule and pays EENs by their effective stake", async () => {
    const ctx = await stateWith(privatenet, 201n, async (s) => {
      await s.setRewardDistribution({ stakeHolder: X, beneficiary: BEN, splitBasisPoint: 500n });
      await s.setRewardDistribution({ stakeHolder: EEN, beneficiary: BEN, splitBasisPoint: 1000n });
    });
    const voteState = await fundedState([], coins(0n, 0n));
    await voteState.setGcp({ sortedGuardians: [guardian(G1, [newStake(C, 100n * K)])] });
    await voteState.setEliteEdgeNode({
      holder: EEN,
      stakes: [newStake(A, 10_000n * E18), newStake(C, 10_000n * E18)],
      blsPubkey: new Uint8Array(48),
    });
    await voteState.setEenTotalActiveStake(20_000n * E18);
    const eenVotes = { block: CHECKPOINT, multiplies: [1], addresses: [EEN], signature: undefined };
    const base = { validators: V, guardianVotes: votes([1]), voteCheckpointState: voteState };
    const withEen = amounts(await computeBlockRewards(ctx, { ...base, eenVotes }));
    const without = amounts(await computeBlockRewards(ctx, base));
    // The only EEN holds all active EEN stake: p ≥ 1e18, so its weight is its 2 units and each
    // stake's effective amount is 1e18: 1,900 TFUEL each, 10% of it to the beneficiary.
    const diff = (a: Address) => (withEen.get(hex(a)) ?? 0n) - (without.get(hex(a)) ?? 0n);
    expect(diff(A)).toBe(1_710n * E18);
    expect(diff(C)).toBe(1_710n * E18);
    expect(diff(BEN)).toBe(380n * E18);
    const sum = [...without.values()].reduce((x, y) => x + y, 0n);
    expect(sum).toBe(4_800n * E18);
    expect(without.has(hex(BEN))).toBe(true);
    const otherBlock = { ...eenVotes, block: new Uint8Array(32).fill(0x44) };
    expect(amounts(await computeBlockRewards(ctx, { ...base, eenVotes: otherBlock }))).toEqual(without);
  });
});
