import { ChannelId, voteSignBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createFakeSigner } from "../../src/testing/fakeCrypto.ts";
import { PARK_AHEAD_HEIGHTS, VOTE_EPOCHS_AHEAD } from "../../src/validator/limits.ts";
import { castVote, receiveVote } from "../../src/validator/votes.ts";
import {
  addr,
  fixedSets,
  hashN,
  hex,
  lineChain,
  recordingDeps,
  setOf,
  stateOf,
  vote,
} from "./engineFixture.ts";

/**
 * Receiving and casting votes (docs/consensus.md §2.4–§2.5, §2.9) on one engine state: what is kept, what is
 * dropped, what follows, and the vote a validator casts.
 */
const three = () => fixedSets(setOf(1n, 1n, 1n));

describe("receiving a vote", () => {
  it("a vote for a known block is indexed, counted for the epoch, and its block checked for a commit", async () => {
    const { chain, hashes } = lineChain(2);
    const shared: string[] = [];
    const s = stateOf(chain, three(), 3n, (_c, epoch, v, from) => {
      shared.push(`${epoch}:${hex(v.id)}:${from}`);
    });
    const { deps } = recordingDeps();
    const v = vote(1, hashes[2]!, 3n, 99n); // the vote's own height field is not trusted
    expect(await receiveVote(s, deps, v, "p1")).toEqual([
      { kind: "checkCommit", hash: hashes[2] },
      { kind: "advanceEpoch", voteEpoch: 3n },
    ]);
    expect([...chain.votersFor(hashes[2]!)]).toEqual([hex(addr(1))]);
    expect(s.epochVotes.get(addr(1))?.height).toBe(2n);
    expect(s.seenVotes.size).toBe(1);
    expect(s.highestSeenHeight).toBe(2n);
    expect(shared).toEqual([`3:${hex(addr(1))}:p1`]);
    // The same vote again is a no-op.
    expect(await receiveVote(s, deps, v, "p1")).toEqual([]);
    expect(shared).toHaveLength(1);
  });

  it("a vote cast locally (no peer) shares nothing", async () => {
    const { chain, hashes } = lineChain(1);
    let shared = 0;
    const s = stateOf(chain, three(), 1n, () => {
      shared++;
    });
    const { deps } = recordingDeps();
    await receiveVote(s, deps, vote(0, hashes[1]!, 1n), undefined);
    expect(shared).toBe(0);
  });

  it("drops votes for the zero hash, unsigned or mis-signed votes, and voters outside every set", async () => {
    const { chain, hashes } = lineChain(1);
    const s = stateOf(chain, three());
    const { deps } = recordingDeps();
    const good = vote(1, hashes[1]!, 1n);
    const forged = { ...good, signature: createFakeSigner(addr(2)).signSecp256k1(voteSignBytes(good)) };
    for (const v of [
      vote(1, new Uint8Array(32), 1n),
      { ...good, signature: undefined },
      forged,
      vote(9, hashes[1]!, 1n),
    ]) {
      expect(await receiveVote(s, deps, v, "p")).toEqual([]);
    }
    expect(s.seenVotes.size).toBe(0);
    expect(s.epochVotes.all()).toEqual([]);
    expect([...chain.votersFor(hashes[1]!)]).toEqual([]);
  });

  it("a vote for an unknown block within the parking window has the block requested", async () => {
    const { chain } = lineChain(1);
    const s = stateOf(chain, three());
    const { deps } = recordingDeps();
    const unknown = hashN(500);
    expect(await receiveVote(s, deps, vote(2, unknown, 4n, 7n), "p9")).toEqual([
      { kind: "requestBlock", hash: unknown, from: "p9" },
      { kind: "advanceEpoch", voteEpoch: 4n },
    ]);
    expect([...chain.votersFor(unknown)]).toEqual([hex(addr(2))]);
    expect(s.highestSeenHeight).toBe(7n);
  });

  it("a vote for an unknown block at or below the finalized height, or beyond the window, is not indexed", async () => {
    const { chain } = lineChain(1);
    const s = stateOf(chain, three());
    const { deps } = recordingDeps();
    const low = hashN(501);
    expect(await receiveVote(s, deps, vote(2, low, 4n, 0n), "p")).toEqual([
      { kind: "advanceEpoch", voteEpoch: 4n },
    ]);
    const far = hashN(502);
    expect(await receiveVote(s, deps, vote(1, far, 4n, PARK_AHEAD_HEIGHTS + 1n), "p")).toEqual([
      { kind: "advanceEpoch", voteEpoch: 4n },
    ]);
    const edge = hashN(503);
    expect(await receiveVote(s, deps, vote(0, edge, 4n, PARK_AHEAD_HEIGHTS), "p")).toEqual([
      { kind: "requestBlock", hash: edge, from: "p" },
      { kind: "advanceEpoch", voteEpoch: 4n },
    ]);
    expect([...chain.votersFor(low)]).toEqual([]);
    expect([...chain.votersFor(far)]).toEqual([]);
    expect(s.highestSeenHeight).toBe(PARK_AHEAD_HEIGHTS);
    // Each still counts towards its voter's epoch.
    expect(s.epochVotes.all()).toHaveLength(3);
  });

  it("a vote too many epochs ahead counts for the epoch but is neither cached nor indexed", async () => {
    const { chain, hashes } = lineChain(1);
    const s = stateOf(chain, three(), 10n);
    const { deps } = recordingDeps();
    const ahead = 10n + VOTE_EPOCHS_AHEAD;
    await receiveVote(s, deps, vote(1, hashes[1]!, ahead), "p");
    expect(s.seenVotes.size).toBe(1);
    expect([...chain.votersFor(hashes[1]!)]).toHaveLength(1);
    await receiveVote(s, deps, vote(2, hashes[1]!, ahead + 1n), "p");
    expect(s.seenVotes.size).toBe(1);
    expect([...chain.votersFor(hashes[1]!)]).toHaveLength(1);
    expect(s.epochVotes.get(addr(2))?.epoch).toBe(ahead + 1n);
  });

  it("the highest seen height only grows", async () => {
    const { chain, hashes } = lineChain(3);
    const s = stateOf(chain, three());
    const { deps } = recordingDeps();
    await receiveVote(s, deps, vote(0, hashes[3]!, 1n), "p");
    await receiveVote(s, deps, vote(1, hashes[2]!, 1n), "p");
    expect(s.highestSeenHeight).toBe(3n);
  });

  it("two votes of one validator for two blocks of one height in one epoch are evidence", async () => {
    const { chain, hashes } = lineChain(1);
    const s = stateOf(chain, three());
    const { deps, rec } = recordingDeps();
    const other = hashN(600);
    await receiveVote(s, deps, vote(1, hashes[1]!, 2n), "p");
    expect(rec.evidence).toEqual([]);
    const second = vote(1, other, 2n, 1n);
    await receiveVote(s, deps, second, "p");
    expect(rec.evidence).toEqual([{ kind: "vote", first: vote(1, hashes[1]!, 2n), second }]);
  });
});

describe("casting a vote", () => {
  it("a validator votes for a tip that certifies the highest CC, persists the vote, broadcasts it and receives it", async () => {
    const { chain, hashes } = lineChain(1);
    const s = stateOf(chain, three(), 5n);
    const { deps, rec } = recordingDeps({ self: 1 });
    const out = await castVote(s, deps);
    expect(s.isValidator).toBe(true);
    expect(rec.savedVotes).toEqual([{ epoch: 5n, height: 1n, blockHash: hashes[1] }]);
    expect(s.lastVote).toEqual({ epoch: 5n, height: 1n, blockHash: hashes[1] });
    expect(rec.broadcasts).toHaveLength(1);
    expect(rec.broadcasts[0]!.channel).toBe(ChannelId.Vote);
    const signed = vote(1, hashes[1]!, 5n, 1n);
    expect(out).toEqual([{ kind: "receiveVote", vote: signed, from: undefined }]);
    expect(hex(rec.broadcasts[0]!.payload)).toContain(hex(signed.signature!));
  });

  it("a node outside the tip's validator set does not vote", async () => {
    const { chain } = lineChain(1);
    const s = stateOf(chain, three(), 5n);
    const { deps, rec } = recordingDeps({ self: 7 });
    expect(await castVote(s, deps)).toEqual([]);
    expect(s.isValidator).toBe(false);
    expect(rec.savedVotes).toEqual([]);
    expect(rec.broadcasts).toEqual([]);
  });

  it("re-votes the last voted block when the tip is not higher, or does not certify the highest CC", async () => {
    const { chain, hashes } = lineChain(2); // tip 2 names block 1 as HCC, but only the root is committed
    const s = stateOf(chain, three(), 6n);
    const { deps, rec } = recordingDeps({ self: 0 });
    expect(await castVote(s, deps)).toEqual([]); // no last vote to repeat
    expect(rec.broadcasts).toEqual([]);
    s.lastVote = { epoch: 4n, height: 1n, blockHash: hashes[1]! };
    const out = await castVote(s, deps);
    expect(out).toEqual([{ kind: "receiveVote", vote: vote(0, hashes[1]!, 6n, 1n), from: undefined }]);
    expect(rec.savedVotes).toEqual([{ epoch: 6n, height: 1n, blockHash: hashes[1] }]);
    // Same epoch and block again: broadcast again, not persisted again.
    await castVote(s, deps);
    expect(rec.savedVotes).toHaveLength(1);
    expect(rec.broadcasts).toHaveLength(2);
  });

  it("does not vote for a tip at or below the height already voted", async () => {
    const { chain, hashes } = lineChain(1);
    const s = stateOf(chain, three(), 6n);
    const { deps } = recordingDeps({ self: 0 });
    const older = hashN(700);
    s.lastVote = { epoch: 5n, height: 1n, blockHash: older };
    const out = await castVote(s, deps);
    expect(out).toEqual([{ kind: "receiveVote", vote: vote(0, older, 6n, 1n), from: undefined }]);
    s.lastVote = { epoch: 5n, height: 0n, blockHash: older };
    const next = await castVote(s, deps);
    expect(next).toEqual([{ kind: "receiveVote", vote: vote(0, hashes[1]!, 6n, 1n), from: undefined }]);
  });

  it("a new block in the same epoch is persisted as the new last vote", async () => {
    const { chain, hashes } = lineChain(1);
    const s = stateOf(chain, three(), 6n);
    const { deps, rec } = recordingDeps({ self: 0 });
    s.lastVote = { epoch: 6n, height: 0n, blockHash: hashes[0]! };
    await castVote(s, deps);
    expect(rec.savedVotes).toEqual([{ epoch: 6n, height: 1n, blockHash: hashes[1] }]);
  });
});
