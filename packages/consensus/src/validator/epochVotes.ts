/**
 * Epoch votes (docs/consensus.md §2.5, §2.9, §8 item 7): the latest-epoch vote of each validator, used to
 * advance the epoch, with equivocation detection. Within one epoch the first vote received is kept
 * (a deterministic rule replacing the reference's Go map order). Two votes of one epoch for different
 * blocks are evidence when they are at the same height (an honest validator may, within an epoch, re-vote
 * its last block and then vote for a higher one, but never votes two blocks of one height); votes without
 * a height are compared on epoch and block only. At most `MAX_SAME_EPOCH_VOTES` votes of a voter's latest
 * epoch are kept for that comparison (a later one is still compared, not kept), so the set holds a bounded
 * number of votes per voter; `prune` forgets voters whose latest vote is old.
 */
import { bytesToHex, equalBytes } from "@theta/core-types";
import { exceedsTwoThirds } from "../majority.ts";
import type { StakeEntry } from "../ports.ts";
import { MAX_SAME_EPOCH_VOTES } from "./limits.ts";
import { stakeIndex } from "./stakeIndex.ts";

/** The vote facts epoch accounting needs. */
export interface EpochVote {
  /** Voter address. */
  readonly voter: Uint8Array;
  /** Voted block hash. */
  readonly block: Uint8Array;
  /** Epoch of the vote. */
  readonly epoch: bigint;
  /** Height of the voted block (as known locally; the vote's own height field is not signed). */
  readonly height?: bigint;
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
  /**
   * The highest epoch `E ≥ minEpoch` such that voters whose kept vote has `epoch ≥ E` hold > 2/3 of
   * `set`'s stake, or undefined. Entering `E + 1` is then justified even if no majority exists at the
   * epoch of the vote that just arrived (a node that missed the votes of an epoch can still follow).
   */
  highestMajorityEpoch(set: readonly StakeEntry[], minEpoch: bigint): bigint | undefined;
  /** The kept vote of a voter. */
  get(voter: Uint8Array): T | undefined;
  /** Every kept vote (one per voter). */
  all(): T[];
  /** Forgets the voters whose kept vote is below `minEpoch`. */
  prune(minEpoch: bigint): void;
  /** Votes held, over all voters (the kept ones and the others of their epoch). */
  size(): number;
}

/** Creates an empty epoch vote set keeping at most `maxSameEpoch` votes of a voter's latest epoch. */
export function createEpochVoteSet<T extends EpochVote = EpochVote>(
  maxSameEpoch: number = MAX_SAME_EPOCH_VOTES,
): EpochVoteSet<T> {
  const latest = new Map<string, T>();
  const sameEpoch = new Map<string, T[]>();
  const conflicts = (a: T, b: T): boolean =>
    !equalBytes(a.block, b.block) &&
    (a.height === undefined || b.height === undefined || a.height === b.height);
  return {
    add(vote) {
      const key = bytesToHex(vote.voter);
      const kept = latest.get(key);
      if (kept === undefined || vote.epoch > kept.epoch) {
        latest.set(key, vote);
        sameEpoch.set(key, [vote]);
        return undefined;
      }
      if (vote.epoch !== kept.epoch) return undefined;
      const others = sameEpoch.get(key) as T[];
      const first = others.find((o) => conflicts(o, vote));
      if (others.length < maxSameEpoch && !others.some((o) => equalBytes(o.block, vote.block))) {
        others.push(vote);
      }
      return first === undefined ? undefined : { first, second: vote };
    },
    hasMajorityFrom(set, minEpoch) {
      const { byAddress, total } = stakeIndex(set);
      let voted = 0n;
      for (const [voter, kept] of latest) {
        if (kept.epoch >= minEpoch) voted += byAddress.get(voter) ?? 0n;
      }
      return exceedsTwoThirds(voted, total);
    },
    highestMajorityEpoch(set, minEpoch) {
      const { byAddress, total } = stakeIndex(set);
      const epochs: [bigint, bigint][] = [];
      let all = 0n;
      for (const [voter, kept] of latest) {
        const stake = byAddress.get(voter);
        if (stake !== undefined && kept.epoch >= minEpoch) {
          epochs.push([kept.epoch, stake]);
          all += stake;
        }
      }
      if (!exceedsTwoThirds(all, total)) return undefined; // the common case: no need to sort
      epochs.sort((a, b) => (a[0] > b[0] ? -1 : a[0] < b[0] ? 1 : 0));
      let voted = 0n;
      for (const [e, stake] of epochs) {
        voted += stake;
        if (exceedsTwoThirds(voted, total)) return e;
      }
      return undefined;
    },
    get: (voter) => latest.get(bytesToHex(voter)),
    all: () => [...latest.values()],
    prune(minEpoch) {
      for (const [key, kept] of latest) {
        if (kept.epoch < minEpoch) {
          latest.delete(key);
          sameEpoch.delete(key);
        }
      }
    },
    size: () => {
      let n = 0;
      for (const others of sameEpoch.values()) n += others.length;
      return n;
    },
  };
}
