import { describe, expect, it } from "vitest";
import type { Executor, StakeEntry } from "../../src/ports.ts";
import {
  inSet,
  parkedProposerAdmitted,
  recentValidators,
  voterAdmitted,
} from "../../src/validator/admission.ts";
import { createValidatorSets } from "../../src/validator/validatorSets.ts";
import { createVoteIndex } from "../../src/validator/voteIndex.ts";
import { addr, blockOf, fixedSets, hashN, header, hex, lineChain, stateOf, vote } from "./engineFixture.ts";

/**
 * Whose votes are kept (admission), which validator set decides a block (docs/consensus.md §4.2), and the
 * per-block vote index (one vote per voter, the highest epoch; bounded unknown blocks).
 */
const one = (i: number): StakeEntry[] => [{ address: addr(i), stake: 1n }];

describe("admission of voters and proposers", () => {
  it("a set holds an address only if it is one of its entries", () => {
    expect(inSet([...one(1), ...one(2)], addr(2))).toBe(true);
    expect(inSet(one(1), addr(2))).toBe(false);
  });

  it("the recent validators are the union of the tip's sets and the last finalized block's next set", async () => {
    const { chain, hashes } = lineChain(2);
    const asked: string[] = [];
    const record = (kind: string, h: Uint8Array, set: StakeEntry[]): StakeEntry[] => {
      asked.push(`${kind}:${hex(h)}`);
      return set;
    };
    const sets = {
      validatorSet: async (h: Uint8Array) => record("v", h, one(1)),
      nextValidatorSet: async (h: Uint8Array) => record("n", h, h === hashes[0] ? one(4) : one(2)),
      setAfter: async (h: Uint8Array) => record("a", h, one(3)),
      decidingBlock: (h: Uint8Array) => h,
    };
    const s = stateOf(chain, sets);
    const recent = await recentValidators(s);
    expect([...recent].sort()).toEqual([1, 2, 3, 4].map((i) => hex(addr(i))));
    expect(asked).toEqual([
      `v:${hex(hashes[2]!)}`,
      `n:${hex(hashes[2]!)}`,
      `a:${hex(hashes[2]!)}`,
      `n:${hex(chain.tree.lastFinalized().hash)}`,
    ]);
    // Cached while the tip and the last finalized block stay.
    expect(await recentValidators(s)).toBe(recent);
    expect(asked).toHaveLength(4);
    chain.addValid(
      blockOf(header({ height: 3n, epoch: 3n, parent: hashes[2]!, hcc: hashes[2]! })),
      hashN(3),
      false,
    );
    const again = await recentValidators(s);
    expect(again).not.toBe(recent);
    expect(asked).toHaveLength(8);
    expect(await parkedProposerAdmitted(s, addr(3))).toBe(true);
    expect(await parkedProposerAdmitted(s, addr(9))).toBe(false);
  });

  it("a vote for a known block is kept if its voter is in ValidatorSet(block) or a recent set", async () => {
    const { chain, hashes } = lineChain(1);
    const sets = { ...fixedSets(one(2)), validatorSet: async () => one(1) };
    const s = stateOf(chain, sets);
    expect(await voterAdmitted(s, addr(1), hashes[1]!)).toBe(true);
    expect(await voterAdmitted(s, addr(2), hashes[1]!)).toBe(true);
    expect(await voterAdmitted(s, addr(9), hashes[1]!)).toBe(false);
    // An unknown block: only the recent sets count (ValidatorSet(unknown) holds validator 1 here).
    const onlyVs = { ...fixedSets([]), validatorSet: async () => one(1) };
    const s2 = stateOf(chain, onlyVs);
    expect(await voterAdmitted(s2, addr(1), hashN(99))).toBe(true); // validatorSet(tip) is recent
    const two = lineChain(2); // tip: block 2, whose sets hold only validator 2
    const s3 = stateOf(two.chain, {
      ...fixedSets(one(2)),
      validatorSet: async (h) => (h === two.hashes[1] ? one(1) : one(2)),
    });
    expect(await voterAdmitted(s3, addr(1), hashN(99))).toBe(false);
    expect(await voterAdmitted(s3, addr(1), two.hashes[1]!)).toBe(true);
  });
});

describe("validator sets by HCC links", () => {
  /** A chain whose block k names block hcc[k] as HCC. */
  const chainWith = (hccOf: number[]) => {
    const { chain, hashes } = lineChain(0);
    for (let k = 1; k < hccOf.length; k++) {
      chain.addValid(
        blockOf(
          header({ height: BigInt(k), epoch: BigInt(k), parent: hashes[k - 1]!, hcc: hashN(hccOf[k]!) }),
        ),
        hashN(k),
        false,
      );
      hashes.push(hashN(k));
    }
    return { chain, hashes };
  };
  const executorOf = (calls: string[]): Executor =>
    ({
      validatorsFor: async (h: Uint8Array) => {
        calls.push(hex(h));
        return one(h[31]!);
      },
    }) as unknown as Executor;

  it("ValidatorSet(B) is two HCC links back, NextValidatorSet(B) one, the set after B is B's own", async () => {
    const { chain } = chainWith([0, 0, 1, 1, 3]);
    const calls: string[] = [];
    const sets = createValidatorSets(chain, executorOf(calls));
    expect(hex(sets.decidingBlock(hashN(4), 2))).toBe(hex(hashN(1)));
    expect(hex(sets.decidingBlock(hashN(4), 1))).toBe(hex(hashN(3)));
    expect(hex(sets.decidingBlock(hashN(4), 0))).toBe(hex(hashN(4)));
    expect((await sets.validatorSet(hashN(4)))[0]!.address).toEqual(addr(1));
    expect((await sets.nextValidatorSet(hashN(4)))[0]!.address).toEqual(addr(3));
    expect((await sets.setAfter(hashN(2)))[0]!.address).toEqual(addr(2));
    // Each deciding block's set is read once.
    await sets.validatorSet(hashN(4));
    await sets.nextValidatorSet(hashN(4));
    await sets.validatorSet(hashN(3)); // two links from 3: 1 → 0
    expect(calls).toEqual([hex(hashN(1)), hex(hashN(3)), hex(hashN(2)), hex(hashN(0))]);
  });

  it("the walk stops at the root, at an unknown block, and maps an HCC below the root to the root", async () => {
    const { chain } = chainWith([0, 0, 1]);
    const sets = createValidatorSets(chain, executorOf([]));
    expect(hex(sets.decidingBlock(hashN(1), 5))).toBe(hex(hashN(0)));
    expect(hex(sets.decidingBlock(hashN(55), 2))).toBe(hex(hashN(55)));
    const { chain: c2 } = chainWith([0, 0, 77]); // block 2 names a block not held here
    expect(hex(createValidatorSets(c2, executorOf([])).decidingBlock(hashN(2), 1))).toBe(hex(hashN(0)));
    // The root's own HCC is zero: the walk stays at the root.
    expect(hex(sets.decidingBlock(hashN(0), 2))).toBe(hex(hashN(0)));
  });

  it("ValidatorSet of an unknown block is not cached: once the block is known, its own set is used", async () => {
    const { chain, hashes } = chainWith([0, 0, 1]);
    const sets = createValidatorSets(chain, executorOf([]));
    expect((await sets.validatorSet(hashN(3)))[0]!.address).toEqual(addr(3));
    chain.addValid(
      blockOf(header({ height: 3n, epoch: 3n, parent: hashes[2]!, hcc: hashN(2) })),
      hashN(3),
      false,
    );
    expect((await sets.validatorSet(hashN(3)))[0]!.address).toEqual(addr(1));
  });
});

describe("the per-block vote index", () => {
  it("keeps one vote per voter, the highest epoch", () => {
    const idx = createVoteIndex(() => true, 4);
    const b = hashN(1);
    idx.add(vote(1, b, 3n), 1n);
    idx.add(vote(1, b, 2n), 1n);
    idx.add(vote(2, b, 1n), 1n);
    expect(idx.votesFor(b).map((v) => [hex(v.id), v.epoch])).toEqual([
      [hex(addr(1)), 3n],
      [hex(addr(2)), 1n],
    ]);
    idx.add(vote(1, b, 4n), 1n);
    expect(idx.votesFor(b)[0]!.epoch).toBe(4n);
    idx.add(vote(1, b, 4n), 1n);
    expect(idx.votesFor(b)).toHaveLength(2);
    expect([...idx.votersFor(hashN(2))]).toEqual([]);
    expect(idx.votesFor(hashN(2))).toEqual([]);
    expect(idx.blocks()).toBe(1);
  });

  it("prunes blocks below a height, by their current height when valid", () => {
    const idx = createVoteIndex(() => true, 4);
    idx.add(vote(1, hashN(1), 1n), 1n);
    idx.add(vote(1, hashN(2), 1n), 2n);
    idx.add(vote(1, hashN(3), 1n), 3n);
    idx.pruneBelow(2n, (k) => (k === hex(hashN(3)) ? 1n : undefined));
    expect(idx.blocks()).toBe(1);
    expect(idx.votesFor(hashN(2))).toHaveLength(1);
  });

  it("beyond the bound, drops the farthest-ahead unknown block (the oldest among equals)", () => {
    const valid = new Set<string>();
    const idx = createVoteIndex((k) => valid.has(k), 2);
    idx.add(vote(1, hashN(1), 1n), 5n);
    idx.add(vote(1, hashN(2), 1n), 7n);
    idx.add(vote(1, hashN(3), 1n), 6n); // evicts block 2 (height 7)
    expect(idx.blocks()).toBe(2);
    expect(idx.votesFor(hashN(2))).toEqual([]);
    idx.add(vote(1, hashN(4), 1n), 9n); // itself the farthest: not kept
    expect(idx.votesFor(hashN(4))).toEqual([]);
    expect(idx.blocks()).toBe(2);
    // Block 1 became valid: it no longer counts, so a new unknown block fits.
    valid.add(hex(hashN(1)));
    idx.add(vote(1, hashN(5), 1n), 8n);
    expect(idx.blocks()).toBe(3);
    expect(idx.votesFor(hashN(1))).toHaveLength(1);
    // Blocks 5 and 6 equally far ahead: the older (5) goes first.
    idx.add(vote(1, hashN(6), 1n), 8n);
    expect(idx.blocks()).toBe(3);
    expect(idx.votesFor(hashN(5))).toEqual([]);
    expect(idx.votesFor(hashN(6))).toHaveLength(1);
    expect(idx.votesFor(hashN(3))).toHaveLength(1);
  });
});

describe("validator-set cache bound", () => {
  it("reads a set again once 4096 others were read after it", async () => {
    const { chain } = lineChain(0);
    const calls: string[] = [];
    const executor = {
      validatorsFor: async (h: Uint8Array) => {
        calls.push(hex(h));
        return one(1);
      },
    } as unknown as Executor;
    const sets = createValidatorSets(chain, executor);
    for (let k = 1; k <= 4096; k++) await sets.setAfter(hashN(k));
    await sets.setAfter(hashN(1));
    expect(calls).toHaveLength(4096); // still cached
    await sets.setAfter(hashN(5000)); // the cache is full: it starts over
    await sets.setAfter(hashN(1));
    expect(calls).toHaveLength(4098);
  });
});
