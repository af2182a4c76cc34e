import { describe, expect, it } from "vitest";
import { createBlockTree } from "../../src/validator/blockTree.ts";
import { createEpochVoteSet } from "../../src/validator/epochVotes.ts";
import { addr, hashN, hex, setOf } from "./engineFixture.ts";

/**
 * The epoch rule (docs/consensus.md §2.5, §2.9): epochs advance on strictly more than 2/3 of the stake at
 * or above an epoch, with bounded per-voter bookkeeping; and the block tree's commit, fork-choice and
 * pruning edges.
 */
const ev = (voter: number, block: number, epoch: bigint, height?: bigint) => ({
  voter: addr(voter),
  block: hashN(block),
  epoch,
  ...(height === undefined ? {} : { height }),
});

describe("epoch votes", () => {
  it("exactly 2/3 of the stake at or above the epoch is not a majority, more is", () => {
    const set = setOf(2n, 1n, 1n, 2n); // total 6
    const s = createEpochVoteSet();
    s.add(ev(0, 1, 5n));
    s.add(ev(1, 1, 5n));
    s.add(ev(2, 1, 7n)); // 4 of 6 at >= 5
    expect(s.hasMajorityFrom(set, 5n)).toBe(false);
    expect(s.highestMajorityEpoch(set, 0n)).toBeUndefined();
    s.add(ev(3, 1, 4n)); // below 5: does not count there
    expect(s.hasMajorityFrom(set, 5n)).toBe(false);
    expect(s.hasMajorityFrom(set, 4n)).toBe(true);
    expect(s.highestMajorityEpoch(set, 0n)).toBe(4n);
    expect(s.highestMajorityEpoch(set, 5n)).toBeUndefined();
    s.add(ev(3, 1, 6n)); // now 6 of 6 at >= 5; at >= 6: 3 of 6; at >= 5: all
    expect(s.highestMajorityEpoch(set, 0n)).toBe(5n);
  });

  it("voters outside the set count for nothing", () => {
    const set = setOf(1n, 1n, 1n);
    const s = createEpochVoteSet();
    s.add(ev(0, 1, 3n));
    s.add(ev(1, 1, 3n));
    s.add(ev(8, 1, 3n));
    s.add(ev(9, 1, 3n));
    expect(s.hasMajorityFrom(set, 3n)).toBe(false);
    expect(s.highestMajorityEpoch(set, 3n)).toBeUndefined();
  });

  it("the highest majority epoch takes the highest epochs first, whatever the arrival order", () => {
    const set = setOf(1n, 1n, 1n, 1n);
    const s = createEpochVoteSet();
    s.add(ev(0, 1, 2n));
    s.add(ev(1, 1, 9n));
    s.add(ev(2, 1, 3n));
    s.add(ev(3, 1, 8n));
    // 9, 8, 3 → three of four at >= 3.
    expect(s.highestMajorityEpoch(set, 0n)).toBe(3n);
    expect(s.highestMajorityEpoch(set, 3n)).toBe(3n);
    expect(s.highestMajorityEpoch(set, 4n)).toBeUndefined();
  });

  it("votes without a height conflict on block alone; with heights, only at the same height", () => {
    const s = createEpochVoteSet();
    s.add(ev(1, 1, 3n));
    expect(s.add(ev(1, 2, 3n, 4n))?.second.block).toEqual(hashN(2));
    const t = createEpochVoteSet();
    t.add(ev(1, 1, 3n, 4n));
    expect(t.add(ev(1, 2, 3n))?.first.block).toEqual(hashN(1));
    // The height-less vote for block 2 conflicts with any other block of the epoch.
    expect(t.add(ev(1, 1, 3n, 4n))?.first.block).toEqual(hashN(2));
    // An older epoch changes nothing and is no evidence.
    expect(t.add(ev(1, 3, 2n, 4n))).toBeUndefined();
    expect(t.get(addr(1))?.block).toEqual(hashN(1));
    expect(t.size()).toBe(2);
  });

  it("keeps at most maxSameEpoch distinct blocks of a voter's latest epoch, still comparing later ones", () => {
    const s = createEpochVoteSet(2);
    s.add(ev(1, 1, 3n, 1n));
    s.add(ev(1, 2, 3n, 2n));
    expect(s.size()).toBe(2);
    s.add(ev(1, 3, 3n, 3n)); // not kept
    expect(s.size()).toBe(2);
    expect(s.add(ev(1, 4, 3n, 2n))?.first.block).toEqual(hashN(2));
    s.add(ev(1, 2, 3n, 2n)); // a block already kept is not kept twice
    expect(s.size()).toBe(2);
    const one = createEpochVoteSet(3);
    one.add(ev(1, 1, 3n, 1n));
    one.add(ev(1, 1, 3n, 1n));
    expect(one.size()).toBe(1);
    one.add(ev(1, 2, 3n, 2n));
    one.add(ev(1, 3, 3n, 3n));
    expect(one.size()).toBe(3);
    // A later epoch starts over.
    one.add(ev(1, 9, 4n, 9n));
    expect(one.size()).toBe(1);
  });

  it("prunes voters whose latest vote is below an epoch, and lists the kept votes", () => {
    const s = createEpochVoteSet();
    s.add(ev(1, 1, 3n));
    s.add(ev(2, 1, 5n));
    s.add(ev(3, 1, 4n));
    s.prune(4n);
    expect(s.get(addr(1))).toBeUndefined();
    expect(s.all().map((v) => hex(v.voter))).toEqual([hex(addr(2)), hex(addr(3))]);
    expect(s.size()).toBe(2);
  });
});

describe("block tree edges", () => {
  const tb = (n: number, parent: number, hcc: number, height: bigint, hasValidatorUpdate = false) => ({
    hash: hashN(n),
    parent: hashN(parent),
    hcc: hashN(hcc),
    height,
    hasValidatorUpdate,
  });

  it("adds a block once, refuses an orphan, and answers lookups", () => {
    const t = createBlockTree(tb(0, 999, 999, 0n));
    expect(t.add(tb(1, 0, 0, 1n))).toBe(true);
    expect(t.add(tb(1, 0, 0, 1n))).toBe(true);
    expect(t.add(tb(5, 4, 0, 5n))).toBe(false);
    expect(t.get(hashN(5))).toBeUndefined();
    expect(t.get(hashN(1))?.height).toBe(1n);
    expect(t.isCommitted(hashN(0))).toBe(true);
    expect(t.isCommitted(hashN(1))).toBe(false);
    expect(t.isFinalized(hashN(0))).toBe(true);
    expect(t.isFinalized(hashN(77))).toBe(false);
    expect(t.isCommitted(hashN(77))).toBe(false);
  });

  it("a commit at or below the highest committed height, or twice, does nothing", () => {
    const t = createBlockTree(tb(0, 999, 999, 0n));
    t.add(tb(1, 0, 0, 1n));
    t.add(tb(2, 1, 1, 2n));
    t.add(tb(3, 1, 1, 2n));
    expect(t.commit(hashN(2))).toEqual([hashN(1)]);
    expect(t.commit(hashN(3))).toEqual([]);
    expect(t.isCommitted(hashN(3))).toBe(false);
    expect(t.commit(hashN(2))).toEqual([]);
    expect(t.commit(hashN(77))).toEqual([]);
    expect(t.highestCommitted().hash).toEqual(hashN(2));
  });

  it("fork choice skips subtrees rooted at a validator update only when asked", () => {
    const t = createBlockTree(tb(0, 999, 999, 0n));
    t.add(tb(1, 0, 0, 1n));
    t.add(tb(2, 1, 0, 2n, true));
    t.add(tb(3, 2, 0, 3n));
    expect(t.tip().hash).toEqual(hashN(3));
    expect(t.tip(true).hash).toEqual(hashN(1));
    expect(t.tip(false).hash).toEqual(hashN(3));
  });

  it("prunes blocks below a height except the last finalized and highest committed ones", () => {
    const t = createBlockTree(tb(0, 999, 999, 0n));
    for (let k = 1; k <= 4; k++) t.add(tb(k, k - 1, k - 1, BigInt(k)));
    t.commit(hashN(2)); // finalizes 1
    const dropped = t.prune(3n);
    expect(dropped.map(hex)).toEqual([hex(hashN(0))]);
    expect(t.get(hashN(1))).toBeDefined();
    expect(t.get(hashN(2))).toBeDefined();
    expect(t.prune(2n)).toEqual([]);
    expect(t.lastFinalized().hash).toEqual(hashN(1));
  });

  it("a block whose HCC is its already-finalized parent finalizes nothing more", () => {
    const t = createBlockTree(tb(0, 999, 999, 0n));
    t.add(tb(1, 0, 0, 1n));
    expect(t.commit(hashN(1))).toEqual([]);
    expect(t.lastFinalized().hash).toEqual(hashN(0));
  });
});
