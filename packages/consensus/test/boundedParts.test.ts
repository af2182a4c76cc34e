import { bytesToHex } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createChain, createEpochVoteSet } from "../src/index.ts";
import {
  MAX_INVALID_HASHES,
  MAX_PARKED_BLOCKS,
  MAX_PARKED_BYTES,
  MAX_SAME_EPOCH_VOTES,
  MAX_VOTED_UNKNOWN_BLOCKS,
} from "../src/validator/limits.ts";
import { createParkedBlocks } from "../src/validator/parkedBlocks.ts";
import { createVoteIndex } from "../src/validator/voteIndex.ts";
import { forgedBlock, genesis, genesisHash, signedVote, unknownHash } from "./limitsHarness.ts";

const parked = () => createParkedBlocks({ maxBlocks: MAX_PARKED_BLOCKS, maxBytes: MAX_PARKED_BYTES });

describe("parked blocks", () => {
  it("hold at most MAX_PARKED_BLOCKS: the farthest ahead goes first, the oldest among equals", () => {
    const p = parked();
    const hashes = Array.from({ length: MAX_PARKED_BLOCKS }, (_, i) => {
      const hash = unknownHash();
      expect(p.add(forgedBlock(1, BigInt(10 + (i % 100)), 1n), hash, 100)).toBe(true);
      return hash;
    });
    expect(p.size()).toBe(MAX_PARKED_BLOCKS);
    // A block farther ahead than every parked one is not kept.
    expect(p.add(forgedBlock(1, 1_000n, 1n), unknownHash(), 100)).toBe(false);
    // A lower one evicts the oldest of the highest (height 109: the first is block 99).
    expect(p.add(forgedBlock(1, 5n, 1n), unknownHash(), 100)).toBe(true);
    expect(p.size()).toBe(MAX_PARKED_BLOCKS);
    expect(p.has(hashes[99]!)).toBe(false);
    expect(p.has(hashes[199]!)).toBe(true);
    expect(p.bytes()).toBe(MAX_PARKED_BLOCKS * 100);
  });

  it("hold at most MAX_PARKED_BYTES; taking children and pruning give the bytes back", () => {
    const p = parked();
    const quarter = MAX_PARKED_BYTES / 4;
    const blocks = [2n, 3n, 4n, 5n].map((h) => forgedBlock(1, h, h));
    for (const b of blocks) expect(p.add(b, unknownHash(), quarter)).toBe(true);
    expect(p.bytes()).toBe(MAX_PARKED_BYTES);
    expect(p.add(forgedBlock(1, 9n, 9n), unknownHash(), 1)).toBe(false);
    expect(p.add(forgedBlock(1, 1n, 1n), unknownHash(), quarter)).toBe(true); // evicts height 5
    expect([p.size(), p.bytes()]).toEqual([4, MAX_PARKED_BYTES]);
    expect(p.takeChildren(blocks[0]!.header.parent)).toHaveLength(1);
    expect([p.size(), p.bytes()]).toEqual([3, MAX_PARKED_BYTES - quarter]);
    p.pruneAtOrBelow(3n);
    expect([p.size(), p.bytes()]).toEqual([1, quarter]);
    expect(p.missingParents()).toEqual([blocks[2]!.header.parent]);
  });
});

describe("the vote index", () => {
  it("holds votes for at most MAX_VOTED_UNKNOWN_BLOCKS unknown blocks (the farthest ahead out); valid blocks do not count", () => {
    const valid = new Set<string>();
    const index = createVoteIndex((k) => valid.has(k), MAX_VOTED_UNKNOWN_BLOCKS);
    const blocks = Array.from({ length: MAX_VOTED_UNKNOWN_BLOCKS + 50 }, () => unknownHash());
    for (const [i, b] of blocks.entries()) index.add(signedVote(1, b, BigInt(i + 1), 1n), BigInt(i + 1));
    expect(index.blocks()).toBe(MAX_VOTED_UNKNOWN_BLOCKS);
    expect([...index.votersFor(blocks[0]!)]).toHaveLength(1);
    expect([...index.votersFor(blocks.at(-1)!)]).toHaveLength(0);
    // Once a block is valid it no longer counts against the bound.
    for (const b of blocks.slice(0, 10)) valid.add(bytesToHex(b));
    for (let i = 0; i < 10; i++) index.add(signedVote(1, unknownHash(), 2n, 1n), 2n);
    expect(index.blocks()).toBe(MAX_VOTED_UNKNOWN_BLOCKS + 10);
    index.pruneBelow(BigInt(MAX_VOTED_UNKNOWN_BLOCKS), () => undefined);
    expect(index.blocks()).toBeLessThan(MAX_VOTED_UNKNOWN_BLOCKS);
  });

  it("keeps one vote per voter and block, the highest epoch", () => {
    const index = createVoteIndex(() => false, MAX_VOTED_UNKNOWN_BLOCKS);
    const b = unknownHash();
    for (const e of [3n, 5n, 4n]) index.add(signedVote(1, b, 2n, e), 2n);
    index.add(signedVote(2, b, 2n, 1n), 2n);
    expect(index.votesFor(b).map((v) => v.epoch)).toEqual([5n, 1n]);
  });
});

describe("the invalid-hash set", () => {
  it("remembers the MAX_INVALID_HASHES most recently seen hashes", () => {
    const chain = createChain(genesis, genesisHash);
    const hashes = Array.from({ length: MAX_INVALID_HASHES + 10 }, () => unknownHash());
    for (const h of hashes.slice(0, MAX_INVALID_HASHES)) chain.markInvalid(h);
    expect(chain.isInvalid(hashes[0]!)).toBe(true); // now the most recently seen
    for (const h of hashes.slice(MAX_INVALID_HASHES)) chain.markInvalid(h);
    expect(chain.sizes().invalid).toBe(MAX_INVALID_HASHES);
    expect(chain.isInvalid(hashes[0]!)).toBe(true);
    expect(hashes.slice(1, 11).some((h) => chain.isInvalid(h))).toBe(false);
    expect(chain.isInvalid(hashes[11]!)).toBe(true);
    expect(chain.isInvalid(hashes.at(-1)!)).toBe(true);
  });
});

describe("epoch votes", () => {
  it("keep at most MAX_SAME_EPOCH_VOTES votes of a voter's epoch, still reporting conflicts beyond them", () => {
    const s = createEpochVoteSet();
    const voter = new Uint8Array(20).fill(1);
    const evidence = Array.from({ length: MAX_SAME_EPOCH_VOTES + 5 }, () =>
      s.add({ voter, block: unknownHash(), epoch: 7n, height: 3n }),
    );
    expect(s.size()).toBe(MAX_SAME_EPOCH_VOTES);
    expect(evidence.slice(1).every((e) => e !== undefined)).toBe(true);
  });

  it("prune forgets voters whose latest vote is below the floor", () => {
    const s = createEpochVoteSet();
    s.add({ voter: new Uint8Array(20).fill(1), block: unknownHash(), epoch: 5n });
    s.add({ voter: new Uint8Array(20).fill(2), block: unknownHash(), epoch: 50n });
    s.prune(10n);
    expect(s.all().map((v) => v.epoch)).toEqual([50n]);
    expect(s.size()).toBe(1);
  });
});
