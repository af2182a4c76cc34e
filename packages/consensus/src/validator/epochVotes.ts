/**
 * Epoch votes (consensus.md §2.5, §2.9, §8 item 7): the latest-epoch vote of each validator, used to
 * advance the epoch, with equivocation detection. Within one epoch the first vote received is kept
 * (a deterministic rule replacing the reference's Go map order); a second vote for a different block in
 * the same epoch is reported as evidence.
 */
import { bytesToHex, equalBytes } from "@theta/core-types";
import { exceedsTwoThirds } from "../majority.ts";
import type { StakeEntry } from "../ports.ts";

/** The vote facts epoch accounting needs. */
export interface EpochVote {
  /** Voter address. */
  readonly voter: Uint8Array;
  /** Voted block hash. */
  readonly block: Uint8Array;
  /** Epoch of the vote. */
  readonly epoch: bigint;
}

/** Two votes by one validator for different blocks in the same epoch. */
export interface EquivocationEvidence<T extends EpochVote = EpochVote> {
  /** The vote kept. */
  readonly first: T;
  /** The conflicting vote. */
  readonly second: T;
}

/** Latest-epoch vote per voter. */
export interface EpochVoteSet<T extends EpochVote = EpochVote> {
  /** Records a vote; returns evidence when it equivocates against the kept vote of the same epoch. */
  add(vote: T): EquivocationEvidence<T> | undefined;
  /** Whether voters whose kept vote has `epoch ≥ minEpoch` hold > 2/3 of `set`'s stake. */
  hasMajorityFrom(set: readonly StakeEntry[], minEpoch: bigint): boolean;
  /** The kept vote of a voter. */
  get(voter: Uint8Array): T | undefined;
  /** Every kept vote (one per voter). */
  all(): T[];
}

/** Creates an empty epoch vote set. */
export function createEpochVoteSet<T extends EpochVote = EpochVote>(): EpochVoteSet<T> {
  const latest = new Map<string, T>();
  return {
    add(vote) {
      const key = bytesToHex(vote.voter);
      const kept = latest.get(key);
      if (kept === undefined || vote.epoch > kept.epoch) {
        latest.set(key, vote);
        return undefined;
      }
      if (vote.epoch === kept.epoch && !equalBytes(vote.block, kept.block))
        return { first: kept, second: vote };
      return undefined;
    },
    hasMajorityFrom(set, minEpoch) {
      let total = 0n;
      let voted = 0n;
      for (const v of set) {
        total += v.stake;
        const kept = latest.get(bytesToHex(v.address));
        if (kept !== undefined && kept.epoch >= minEpoch) voted += v.stake;
      }
      return exceedsTwoThirds(voted, total);
    },
    get: (voter) => latest.get(bytesToHex(voter)),
    all: () => [...latest.values()],
  };
}
