/**
 * Stakes grouped by source in order of first appearance (the reference keeps this grouping "for
 * compatibility with the old sampling algorithm"), and the two ways of paying a reward over
 * them: fixed shares (`issueFixedReward`) and the 400-sample draw (`issueRandomizedReward`).
 */
import { bytesToHex, type Hash } from "@theta/core-types";
import { REWARD_SAMPLES } from "./constants.ts";
import type { Keccak256 } from "./hashRand.ts";
import { type HeldStake, paySplit, type RewardDistributionLookup, type RewardMap } from "./rewardMap.ts";
import { drawRewardSamples } from "./samples.ts";

/** Groups of stakes, one per source, in order of the source's first stake. */
export class StakeGroups {
  readonly groups: HeldStake[][] = [];
  readonly #index = new Map<string, number>();

  /** Appends `stake` to its source's group (a new group for a new source). */
  add(stake: HeldStake): void {
    const k = bytesToHex(stake.source);
    let i = this.#index.get(k);
    if (i === undefined) {
      i = this.groups.length;
      this.#index.set(k, i);
      this.groups.push([]);
    }
    this.groups[i]!.push(stake);
  }
}

const sum = (stakes: readonly HeldStake[]): bigint => stakes.reduce((a, s) => a + s.amount, 0n);

/**
 * Fixed shares: with a rule lookup, per stake floor(total × amount / totalStake) through the
 * split; without, per group floor(total × groupSum / totalStake) to the source.
 */
export async function issueFixedReward(
  groups: StakeGroups,
  totalStake: bigint,
  totalReward: bigint,
  rewards: RewardMap,
  lookup: RewardDistributionLookup | undefined,
): Promise<void> {
  if (totalStake === 0n) return;
  for (const g of groups.groups) {
    if (lookup !== undefined) {
      for (const s of g) await paySplit(rewards, s, (totalReward * s.amount) / totalStake, lookup);
    } else if (g.length > 0) {
      rewards.add(g[0]!.source, (totalReward * sum(g)) / totalStake);
    }
  }
}

/**
 * The sampled reward: 400 sorted samples in [0, totalStake) seeded by P and the checkpoint
 * hash; stakes (with a lookup) or groups (without) take consecutive ranges from 0, and each pays
 * floor(total × count / 400) when its range caught a sample.
 */
export async function issueRandomizedReward(
  keccak: Keccak256,
  p: bigint,
  checkpoint: Hash,
  groups: StakeGroups,
  totalStake: bigint,
  totalReward: bigint,
  rewards: RewardMap,
  lookup: RewardDistributionLookup | undefined,
): Promise<void> {
  if (totalStake === 0n) return;
  const samples = drawRewardSamples(keccak, p, checkpoint, totalStake);
  let curr = 0;
  let lower = 0n;
  const units: HeldStake[][] =
    lookup !== undefined ? groups.groups.flatMap((g) => g.map((s) => [s])) : groups.groups;
  for (const unit of units) {
    if (unit.length === 0) continue;
    if (curr >= REWARD_SAMPLES) break;
    const upper = lower + sum(unit);
    let count = 0n;
    while (curr < REWARD_SAMPLES && samples[curr]! >= lower && samples[curr]! < upper) {
      count++;
      curr++;
    }
    lower = upper;
    if (count === 0n) continue;
    const reward = (totalReward * count) / BigInt(REWARD_SAMPLES);
    if (lookup !== undefined) await paySplit(rewards, unit[0]!, reward, lookup);
    else rewards.add(unit[0]!.source, reward);
  }
}
