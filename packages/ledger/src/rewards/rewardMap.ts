/**
 * Accumulation of block rewards per address (the reference's account reward map) and the
 * reward-distribution split of one stake's reward between its source and the holder's
 * beneficiary (`handleSplit`, docs/ledger.md §8.1).
 */
import { type Address, bytesToHex, type RewardDistribution } from "@theta/core-types";
import { BASIS_POINTS } from "./constants.ts";

/** TFuel wei per rewarded address; an entry may hold 0 (it is still emitted as an output). */
export class RewardMap {
  readonly #entries = new Map<string, { address: Address; amount: bigint }>();

  /** Adds `amount` to `address`, creating its entry (even for 0). */
  add(address: Address, amount: bigint): void {
    const k = bytesToHex(address);
    const e = this.#entries.get(k);
    if (e === undefined) this.#entries.set(k, { address, amount });
    else e.amount += amount;
  }

  /** Every entry, ordered by address bytes. */
  entries(): { readonly address: Address; readonly amount: bigint }[] {
    return [...this.#entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  }

  /** Number of rewarded addresses. */
  get size(): number {
    return this.#entries.size;
  }
}

/** Reads the reward-distribution rule of a stake holder (from the current state). */
export type RewardDistributionLookup = (holder: Address) => Promise<RewardDistribution | undefined>;

/** A stake with the holder it was staked to (the reference's in-memory `Stake.Holder`). */
export interface HeldStake {
  readonly holder: Address;
  readonly source: Address;
  readonly amount: bigint;
}

/**
 * Pays `reward` for `stake`: all to the source without a rule for its holder, else
 * floor(reward × bp / 10000) to the beneficiary (entry created even for 0) and the rest to the source.
 */
export async function paySplit(
  rewards: RewardMap,
  stake: HeldStake,
  reward: bigint,
  lookup: RewardDistributionLookup,
): Promise<void> {
  const rule = await lookup(stake.holder);
  if (rule === undefined) {
    rewards.add(stake.source, reward);
    return;
  }
  const split = (reward * rule.splitBasisPoint) / BASIS_POINTS;
  rewards.add(stake.source, reward - split);
  rewards.add(rule.beneficiary, split);
}
