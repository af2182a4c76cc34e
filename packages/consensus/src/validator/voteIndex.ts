/**
 * The per-block vote index: one vote per voter and block, the highest epoch (Go's UniqueVoter). Votes for
 * blocks not (yet) valid locally are kept for at most `maxUnknownBlocks` blocks: beyond it, the votes of
 * the farthest-ahead unknown block (the oldest among equals) are dropped first.
 */
import { bytesToHex, type Vote } from "@theta/core-types";

/** Votes by block. */
export interface VoteIndex {
  /** Records a vote for a block of height `height` (as known locally). */
  add(vote: Vote, height: bigint): void;
  /** The indexed votes for a block, one per voter. */
  votesFor(hash: Uint8Array): Vote[];
  /** The voters (lowercase hex addresses) indexed for a block. */
  votersFor(hash: Uint8Array): Iterable<string>;
  /** Drops the votes of blocks below `height`; `heightOf` gives a valid block's height by hex key. */
  pruneBelow(height: bigint, heightOf: (key: string) => bigint | undefined): void;
  /** Number of blocks with votes. */
  blocks(): number;
}

/**
 * Creates an empty index; `isValid` says whether a block (by hex key) is valid locally, so that only
 * the blocks still unknown count against `maxUnknownBlocks`.
 */
export function createVoteIndex(isValid: (key: string) => boolean, maxUnknownBlocks: number): VoteIndex {
  const votes = new Map<string, Map<string, Vote>>();
  const heights = new Map<string, bigint>();
  /** Blocks that were unknown when their first vote came, in that order (some may be valid by now). */
  const unknown = new Set<string>();
  const drop = (key: string): void => {
    votes.delete(key);
    heights.delete(key);
    unknown.delete(key);
  };
  const evictUnknown = (): void => {
    for (const k of unknown) if (isValid(k)) unknown.delete(k);
    while (unknown.size > maxUnknownBlocks) {
      let far: string | undefined;
      for (const k of unknown) {
        if (far === undefined || (heights.get(k) as bigint) > (heights.get(far) as bigint)) far = k;
      }
      drop(far as string);
    }
  };
  return {
    add(vote, height) {
      const key = bytesToHex(vote.block);
      let m = votes.get(key);
      if (m === undefined) {
        m = new Map();
        votes.set(key, m);
        heights.set(key, height);
        if (!isValid(key)) {
          unknown.add(key);
          if (unknown.size > maxUnknownBlocks) evictUnknown();
          if (!votes.has(key)) return;
        }
      }
      const voter = bytesToHex(vote.id);
      const prev = m.get(voter);
      if (prev === undefined || vote.epoch > prev.epoch) m.set(voter, vote);
    },
    votesFor: (hash) => [...(votes.get(bytesToHex(hash))?.values() ?? [])],
    votersFor: (hash) => votes.get(bytesToHex(hash))?.keys() ?? [],
    pruneBelow(height, heightOf) {
      for (const [key, hv] of heights) if ((heightOf(key) ?? hv) < height) drop(key);
    },
    blocks: () => votes.size,
  };
}
