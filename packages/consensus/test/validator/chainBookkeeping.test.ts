import { describe, expect, it } from "vitest";
import { chainStatus } from "../../src/validator/chain.ts";
import { blockOf, hashN, header, hex, lineChain, vote } from "./engineFixture.ts";

/**
 * The validator's local chain (docs/consensus.md §1.5, §2.7): valid, invalid and parked blocks, the vote
 * index, and what finalization lets it forget.
 */
describe("local chain bookkeeping", () => {
  it("knows its valid blocks and their headers; an unknown header is an error", () => {
    const { chain, hashes } = lineChain(2);
    expect(chain.entry(hashes[2]!)?.block.header.height).toBe(2n);
    expect(chain.entry(hashes[2]!)?.hasValidatorUpdate).toBe(false);
    expect(chain.header(hashes[1]!).height).toBe(1n);
    expect(() => chain.header(hashN(99))).toThrow(hex(hashN(99)));
    expect(chain.entry(hashN(99))).toBeUndefined();
    expect(chain.rootHash).toEqual(hashes[0]);
    expect(chain.tree.get(hashes[2]!)?.hcc).toEqual(hashes[1]);
  });

  it("remembers invalid blocks; seeing one again refreshes it", () => {
    const { chain } = lineChain(0);
    expect(chain.isInvalid(hashN(5))).toBe(false);
    chain.markInvalid(hashN(5));
    chain.markInvalid(hashN(6));
    chain.markInvalid(hashN(5));
    expect(chain.isInvalid(hashN(5))).toBe(true);
    expect(chain.isInvalid(hashN(6))).toBe(true);
    expect(chain.sizes().invalid).toBe(2);
  });

  it("parks blocks until their parent is valid", () => {
    const { chain, hashes } = lineChain(1);
    const parked = blockOf(header({ height: 3n, epoch: 3n, parent: hashN(2), hcc: hashes[1]! }));
    expect(chain.addPending(parked, hashN(3), 100)).toBe(true);
    expect(chain.isPending(hashN(3))).toBe(true);
    expect(chain.pendingBlock(hashN(3))).toBe(parked);
    expect(chain.missingParents()).toEqual([hashN(2)]);
    expect(chain.sizes()).toMatchObject({ parked: 1, parkedBytes: 100 });
    expect(chain.takeChildren(hashN(2)).map((p) => hex(p.hash))).toEqual([hex(hashN(3))]);
    expect(chain.isPending(hashN(3))).toBe(false);
  });

  it("finalization pruning drops parked blocks at or below the height and votes below it", () => {
    const { chain, hashes } = lineChain(3);
    chain.addPending(
      blockOf(header({ height: 2n, epoch: 9n, parent: hashN(50), hcc: hashes[1]! })),
      hashN(51),
      10,
    );
    chain.addPending(
      blockOf(header({ height: 3n, epoch: 9n, parent: hashN(52), hcc: hashes[1]! })),
      hashN(53),
      10,
    );
    for (const k of [1, 2, 3]) chain.addVote(vote(0, hashes[k]!, 1n), BigInt(k));
    chain.prune(2n);
    expect(chain.isPending(hashN(51))).toBe(false);
    expect(chain.isPending(hashN(53))).toBe(true);
    expect(chain.votesFor(hashes[1]!)).toEqual([]);
    expect(chain.votesFor(hashes[2]!)).toHaveLength(1);
    expect([...chain.votersFor(hashes[3]!)]).toHaveLength(1);
    expect(chain.sizes().votedBlocks).toBe(2);
    // Far below the finalized height nothing valid is dropped yet (256 blocks are kept).
    expect(chain.entry(hashes[0]!)).toBeDefined();
  });

  it("keeps 256 valid blocks below the finalized one in memory, and always the root", () => {
    const { chain, hashes } = lineChain(300);
    for (let k = 1; k <= 300; k++) chain.tree.commit(hashes[k]!);
    expect(chain.tree.lastFinalized().height).toBe(299n);
    chain.prune(256n);
    expect(chain.entry(hashes[1]!)).toBeDefined();
    chain.prune(258n); // keeps height 2 and above
    expect(chain.entry(hashes[1]!)).toBeUndefined();
    expect(chain.entry(hashes[2]!)).toBeDefined();
    chain.prune(299n);
    expect(chain.entry(hashes[42]!)).toBeUndefined();
    expect(chain.entry(hashes[43]!)).toBeDefined();
    expect(chain.entry(hashes[0]!)).toBeDefined();
  });

  it("reports the tip, the highest committed and the last finalized block", () => {
    const { chain, hashes } = lineChain(3);
    chain.tree.commit(hashes[2]!);
    expect(chainStatus(chain)).toEqual({
      height: 3n,
      tipHash: hashes[3],
      highestCommittedHeight: 2n,
      lastFinalizedHeight: 1n,
      lastFinalizedHash: hashes[1],
    });
  });
});
