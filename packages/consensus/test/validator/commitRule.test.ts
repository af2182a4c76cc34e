import { describe, expect, it } from "vitest";
import { checkCommit } from "../../src/validator/commits.ts";
import { RETAIN_EPOCHS } from "../../src/validator/limits.ts";
import {
  blockOf,
  fixedSets,
  hashN,
  header,
  hex,
  lineChain,
  recordingDeps,
  setOf,
  stateOf,
  vote,
} from "./engineFixture.ts";

/**
 * The commit rule (docs/consensus.md §2.6–§2.7) on one engine state: a block is committed when its voters
 * hold strictly more than 2/3 of ValidatorSet(block), and committing finalizes what the two-chain rule
 * finalizes (stored, reported, guardian and EEN rounds started at checkpoints).
 */
const votesFor = (state: ReturnType<typeof stateOf>, who: number[], block: Uint8Array, height: bigint) => {
  for (const i of who) state.chain.addVote(vote(i, block, 5n, height), height);
};

describe("commit rule: strictly more than 2/3 of the stake", () => {
  it("3 validators of stake 1: 2 voters (exactly 2/3) do not commit, the third one does", async () => {
    const { chain, hashes } = lineChain(2);
    const s = stateOf(chain, fixedSets(setOf(1n, 1n, 1n)));
    const { deps } = recordingDeps();
    votesFor(s, [0, 1], hashes[1]!, 1n);
    expect(await checkCommit(s, deps, hashes[1]!)).toEqual([]);
    expect(chain.tree.isCommitted(hashes[1]!)).toBe(false);
    votesFor(s, [2], hashes[1]!, 1n);
    expect(await checkCommit(s, deps, hashes[1]!)).toEqual([]);
    expect(chain.tree.isCommitted(hashes[1]!)).toBe(true);
    expect(chain.tree.highestCommitted().height).toBe(1n);
  });

  it("stakes 3,1,1,1: voters with 4 of 6 do not commit, 5 of 6 do", async () => {
    const { chain, hashes } = lineChain(1);
    const s = stateOf(chain, fixedSets(setOf(3n, 1n, 1n, 1n)));
    const { deps } = recordingDeps();
    votesFor(s, [0, 1], hashes[1]!, 1n);
    await checkCommit(s, deps, hashes[1]!);
    expect(chain.tree.isCommitted(hashes[1]!)).toBe(false);
    votesFor(s, [2], hashes[1]!, 1n);
    await checkCommit(s, deps, hashes[1]!);
    expect(chain.tree.isCommitted(hashes[1]!)).toBe(true);
  });

  it("voters outside the set add nothing; the set asked is ValidatorSet(block)", async () => {
    const { chain, hashes } = lineChain(1);
    const asked: string[] = [];
    const set = setOf(1n, 1n, 1n);
    const sets = {
      ...fixedSets(set),
      validatorSet: async (h: Uint8Array) => {
        asked.push(hex(h));
        return set;
      },
    };
    const s = stateOf(chain, sets);
    const { deps } = recordingDeps();
    votesFor(s, [0, 1, 7, 8, 9], hashes[1]!, 1n);
    await checkCommit(s, deps, hashes[1]!);
    expect(chain.tree.isCommitted(hashes[1]!)).toBe(false);
    expect(asked).toEqual([hex(hashes[1]!)]);
  });

  it("an unknown block, a committed one and one not above the highest committed are left alone", async () => {
    const { chain, hashes } = lineChain(2);
    // A sibling of block 2 (same height), valid locally.
    const sibling = hashN(900);
    chain.addValid(
      blockOf(header({ height: 2n, epoch: 9n, parent: hashes[1]!, hcc: hashes[1]! })),
      sibling,
      false,
    );
    const s = stateOf(chain, fixedSets(setOf(1n, 1n, 1n)), 4n);
    const { deps, rec } = recordingDeps();
    expect(await checkCommit(s, deps, hashN(777))).toEqual([]);
    votesFor(s, [0, 1, 2], hashes[2]!, 2n);
    votesFor(s, [0, 1, 2], sibling, 2n);
    votesFor(s, [0, 1, 2], hashes[1]!, 1n);
    expect(await checkCommit(s, deps, hashes[2]!)).toEqual([]);
    expect(chain.tree.highestCommitted().hash).toEqual(hashes[2]);
    // From here a proposal is deferred in this epoch: a follow-up would show a block getting through.
    s.deferredProposal = 4n;
    const before = rec.finalized.length;
    expect(await checkCommit(s, deps, hashes[2]!)).toEqual([]);
    expect(await checkCommit(s, deps, sibling)).toEqual([]);
    expect(await checkCommit(s, deps, hashes[1]!)).toEqual([]);
    expect(chain.tree.isCommitted(sibling)).toBe(false);
    expect(chain.tree.isCommitted(hashes[1]!)).toBe(false);
    expect(rec.finalized.length).toBe(before);
  });
});

describe("commit rule: finalization and its effects", () => {
  it("committing a block whose HCC is its parent finalizes the parent: stored, then reported", async () => {
    const { chain, hashes } = lineChain(3);
    const s = stateOf(chain, fixedSets(setOf(1n, 1n, 1n)));
    const { deps, rec } = recordingDeps();
    votesFor(s, [0, 1, 2], hashes[1]!, 1n);
    await checkCommit(s, deps, hashes[1]!);
    expect(rec.finalized).toEqual([]); // its parent (the root) was final already
    votesFor(s, [0, 1, 2], hashes[2]!, 2n);
    await checkCommit(s, deps, hashes[2]!);
    expect(rec.finalizedStored).toEqual([hex(hashes[1]!)]);
    expect(rec.finalized.map((f) => [f.height, hex(f.hash), f.block.header.height])).toEqual([
      [1n, hex(hashes[1]!), 1n],
    ]);
    expect(chain.tree.lastFinalized().height).toBe(1n);
    expect(s.finalizedCount).toBe(1);
  });

  it("starts the guardian and EEN rounds at checkpoints from their fork heights only", async () => {
    const { chain, hashes } = lineChain(8);
    const s = stateOf(chain, fixedSets(setOf(1n)));
    const forks = { theta2Height: 3n, theta3Height: 5n };
    const { deps, rec } = recordingDeps({ forks, checkpointInterval: 2n });
    for (let k = 1; k <= 8; k++) {
      votesFor(s, [0], hashes[k]!, BigInt(k));
      await checkCommit(s, deps, hashes[k]!);
    }
    // Finalized: 1..7. Checkpoints (h % 2 == 1): 1, 3, 5, 7; guardian from 3, EEN from 5.
    expect(rec.finalized.map((f) => f.height)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(rec.guardianStarts.map((g) => hex(g.block))).toEqual([3, 5, 7].map((k) => hex(hashes[k]!)));
    expect(rec.guardianStarts[0]!.pool.gcpHash).toEqual(new Uint8Array(32).fill(7));
    expect(rec.eenStarts.map((g) => [hex(g.block), g.height])).toEqual([
      [hex(hashes[5]!), 5n],
      [hex(hashes[7]!), 7n],
    ]);
  });

  it("without a guardian service nothing starts, and finalization still happens", async () => {
    const { chain, hashes } = lineChain(3);
    const s = stateOf(chain, fixedSets(setOf(1n)));
    const { deps, rec } = recordingDeps({ checkpointInterval: 2n, withGuardian: false, withEen: false });
    for (let k = 1; k <= 3; k++) {
      votesFor(s, [0], hashes[k]!, BigInt(k));
      await checkCommit(s, deps, hashes[k]!);
    }
    expect(rec.finalized.map((f) => f.height)).toEqual([1n, 2n]);
    expect(rec.guardianStarts).toEqual([]);
    expect(rec.eenStarts).toEqual([]);
  });

  it("a proposal deferred for the tip's CC in this epoch follows once the tip is committed", async () => {
    const { chain, hashes } = lineChain(2);
    const s = stateOf(chain, fixedSets(setOf(1n)), 6n);
    const { deps } = recordingDeps();
    s.deferredProposal = 6n;
    votesFor(s, [0], hashes[1]!, 1n);
    expect(await checkCommit(s, deps, hashes[1]!)).toEqual([]); // the tip (block 2) is not committed
    votesFor(s, [0], hashes[2]!, 2n);
    expect(await checkCommit(s, deps, hashes[2]!)).toEqual([{ kind: "propose", force: true }]);

    const other = lineChain(1);
    const s2 = stateOf(other.chain, fixedSets(setOf(1n)), 6n);
    s2.deferredProposal = 5n; // deferred in an earlier epoch: no longer due
    s2.chain.addVote(vote(0, other.hashes[1]!, 5n, 1n), 1n);
    expect(await checkCommit(s2, deps, other.hashes[1]!)).toEqual([]);
    expect(other.chain.tree.isCommitted(other.hashes[1]!)).toBe(true);
  });

  it("the deferred proposal waits for the tip a proposer builds on, which skips validator-update subtrees", async () => {
    const { chain, hashes } = lineChain(1);
    // Block 2 executed a validator update: the proposer's tip stays at block 1.
    chain.addValid(
      blockOf(header({ height: 2n, epoch: 2n, parent: hashes[1]!, hcc: hashes[1]! })),
      hashN(2),
      true,
    );
    const s = stateOf(chain, fixedSets(setOf(1n)), 6n);
    s.deferredProposal = 6n;
    const { deps } = recordingDeps();
    votesFor(s, [0], hashes[1]!, 1n);
    expect(await checkCommit(s, deps, hashes[1]!)).toEqual([{ kind: "propose", force: true }]);
  });

  it("finalization prunes the vote index below the last finalized block", async () => {
    const { chain, hashes } = lineChain(3);
    const s = stateOf(chain, fixedSets(setOf(1n)));
    const { deps } = recordingDeps();
    votesFor(s, [0], hashes[1]!, 1n);
    await checkCommit(s, deps, hashes[1]!);
    expect(chain.sizes().votedBlocks).toBe(1);
    votesFor(s, [0], hashes[2]!, 2n);
    votesFor(s, [0], hashes[3]!, 3n);
    await checkCommit(s, deps, hashes[3]!); // finalizes block 2 (and 1 before it)
    expect(chain.tree.lastFinalized().height).toBe(2n);
    expect(chain.sizes().votedBlocks).toBe(2); // blocks 2 and 3 remain
    expect([...chain.votersFor(hashes[1]!)]).toEqual([]);
  });

  it("every 64 finalized blocks, seen votes, proposals and epoch votes older than RETAIN_EPOCHS are forgotten", async () => {
    const n = 66;
    const { chain, hashes } = lineChain(n);
    const epoch = RETAIN_EPOCHS + 10n;
    const s = stateOf(chain, fixedSets(setOf(1n)), epoch);
    const { deps } = recordingDeps();
    const floor = epoch - RETAIN_EPOCHS;
    const old = vote(1, hashes[1]!, floor - 1n);
    const kept = vote(2, hashes[1]!, floor);
    s.seenVotes.set("old", floor - 1n);
    s.seenVotes.set("kept", floor);
    s.proposals.set("old", {
      hash: "a",
      header: header({ height: 1n, epoch: floor - 1n, parent: hashes[0]!, hcc: hashes[0]! }),
    });
    s.proposals.set("kept", {
      hash: "b",
      header: header({ height: 1n, epoch: floor, parent: hashes[0]!, hcc: hashes[0]! }),
    });
    s.epochVotes.add({ voter: old.id, block: old.block, epoch: old.epoch, vote: old });
    s.epochVotes.add({ voter: kept.id, block: kept.block, epoch: kept.epoch, vote: kept });
    // Commit blocks 1..64: 63 finalized, nothing pruned yet.
    for (let k = 1; k <= 64; k++) {
      votesFor(s, [0], hashes[k]!, BigInt(k));
      await checkCommit(s, deps, hashes[k]!);
    }
    expect(s.finalizedCount).toBe(63);
    expect([...s.seenVotes.keys()]).toEqual(["old", "kept"]);
    votesFor(s, [0], hashes[65]!, 65n);
    await checkCommit(s, deps, hashes[65]!);
    expect(s.finalizedCount).toBe(0);
    expect([...s.seenVotes.keys()]).toEqual(["kept"]);
    expect([...s.proposals.keys()]).toEqual(["kept"]);
    expect(s.epochVotes.all().map((v) => v.epoch)).toEqual([floor]);
  });
});
