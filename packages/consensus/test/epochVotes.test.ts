import { describe, expect, it } from "vitest";
import { createEpochVoteSet } from "../src/index.ts";

const a = (n: number): Uint8Array => new Uint8Array(20).fill(n);
const blk = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const set = [1, 2, 3, 4].map((n) => ({ address: a(n), stake: 10n }));

describe("epoch votes (docs/consensus.md §2.5)", () => {
  it("advances only with > 2/3 of stake at or above the epoch", () => {
    const s = createEpochVoteSet();
    s.add({ voter: a(1), block: blk(1), epoch: 5n });
    s.add({ voter: a(2), block: blk(1), epoch: 5n });
    expect(s.hasMajorityFrom(set, 5n)).toBe(false);
    s.add({ voter: a(3), block: blk(2), epoch: 6n });
    expect(s.hasMajorityFrom(set, 5n)).toBe(true);
    expect(s.hasMajorityFrom(set, 6n)).toBe(false);
  });

  it("keeps the latest epoch per voter and the first vote within an epoch", () => {
    const s = createEpochVoteSet();
    s.add({ voter: a(1), block: blk(1), epoch: 7n });
    s.add({ voter: a(1), block: blk(2), epoch: 6n });
    expect(s.get(a(1))?.epoch).toBe(7n);
    expect(s.add({ voter: a(1), block: blk(1), epoch: 7n })).toBeUndefined();
  });

  it("reports two votes for different blocks in one epoch as evidence", () => {
    const s = createEpochVoteSet();
    s.add({ voter: a(2), block: blk(1), epoch: 3n });
    const ev = s.add({ voter: a(2), block: blk(9), epoch: 3n });
    expect(ev?.first.block).toEqual(blk(1));
    expect(ev?.second.block).toEqual(blk(9));
    expect(s.get(a(2))?.block).toEqual(blk(1));
  });
});

describe("epoch votes: catch-up and heights", () => {
  it("finds the highest epoch with a 2/3 majority at or above it", () => {
    const s = createEpochVoteSet();
    s.add({ voter: a(1), block: blk(1), epoch: 9n });
    s.add({ voter: a(2), block: blk(1), epoch: 9n });
    s.add({ voter: a(3), block: blk(1), epoch: 8n });
    s.add({ voter: a(4), block: blk(1), epoch: 4n });
    expect(s.highestMajorityEpoch(set, 5n)).toBe(8n);
    expect(s.highestMajorityEpoch(set, 9n)).toBeUndefined();
    expect(s.hasMajorityFrom(set, 8n)).toBe(true);
  });

  it("two blocks at different heights in one epoch (a re-vote, then a new vote) are not evidence", () => {
    const s = createEpochVoteSet();
    expect(s.add({ voter: a(1), block: blk(1), epoch: 3n, height: 4n })).toBeUndefined();
    expect(s.add({ voter: a(1), block: blk(2), epoch: 3n, height: 5n })).toBeUndefined();
    const ev = s.add({ voter: a(1), block: blk(3), epoch: 3n, height: 5n });
    expect(ev?.first.block).toEqual(blk(2));
    expect(ev?.second.block).toEqual(blk(3));
  });
});
