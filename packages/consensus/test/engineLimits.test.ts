import { bytesToHex, decodeBlock, decodeSyncMessage, encodeHeader } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { blockMessage, blockRequestMessage, proposalMessage, voteMessage } from "../src/index.ts";
import { createSimulation } from "../src/testing/index.ts";
import {
  MAX_PARKED_BLOCKS,
  MAX_PARKED_BYTES,
  MAX_PROPOSAL_RECORDS,
  MAX_QUEUED_BYTES,
  MAX_QUEUED_MESSAGES,
  MAX_SAME_EPOCH_VOTES,
  MAX_SEEN_VOTES,
  MAX_VOTED_UNKNOWN_BLOCKS,
  PARK_AHEAD_HEIGHTS,
  VOTE_EPOCHS_AHEAD,
} from "../src/validator/limits.ts";
import {
  addr,
  ch,
  forgedBlock,
  forks,
  genesisHash,
  type Harness,
  signedVote,
  startEngine,
  unknownHash,
} from "./limitsHarness.ts";

const OUTSIDER = 9;
const hashOf = (b: ReturnType<typeof forgedBlock>) => defaultCrypto.keccak256(encodeHeader(b.header, forks));
const blocks = (list: ReturnType<typeof forgedBlock>[]) => list.map((b) => blockMessage(b, forks));

/** The hashes (hex) of the blocks the engine served after a request for `hashes`. */
async function served(h: Harness, hashes: Uint8Array[]): Promise<Set<string>> {
  const from = h.sent.length;
  await h.send(ch.block, [blockRequestMessage(hashes)]);
  const out = new Set<string>();
  for (const s of h.sent.slice(from)) {
    const m = decodeSyncMessage(s.payload);
    if (m.type === "dataResponse") out.add(bytesToHex(hashOf(decodeBlock(m.payload, forks))));
  }
  return out;
}

describe("validator engine limits: blocks on a missing parent", () => {
  it("a non-validator's block is not parked; a validator's is, within PARK_AHEAD_HEIGHTS of the last finalized block", async () => {
    const h = await startEngine();
    expect(h.engine.status().lastFinalizedHeight).toBe(0n);
    const outsider = forgedBlock(OUTSIDER, 5n, 5n);
    const proposal = proposalMessage({ block: outsider, proposerId: addr(OUTSIDER), votes: [] }, forks);
    await h.send(ch.proposal, [proposal]);
    await h.send(ch.block, blocks([forgedBlock(OUTSIDER, 6n, 6n)]));
    expect(h.engine.retained().parkedBlocks).toBe(0);
    expect(h.engine.retained().proposalRecords).toBe(0);
    // On a valid parent: not in NextValidatorSet(parent), hence invalid (only its hash is kept).
    await h.send(ch.block, blocks([forgedBlock(OUTSIDER, 1n, 3n, [], genesisHash)]));
    expect(h.engine.retained().invalidHashes).toBe(1);
    expect(h.engine.retained().proposalRecords).toBe(0);
    const requestsBefore = h.sent.length;
    await h.send(ch.block, blocks([forgedBlock(1, 5n, 5n)]));
    expect(h.engine.retained().parkedBlocks).toBe(1);
    expect(h.sent.length).toBe(requestsBefore + 1); // its parent is requested from the peer
    await h.send(ch.block, blocks([forgedBlock(1, PARK_AHEAD_HEIGHTS + 1n, 6n)]));
    expect(h.engine.retained().parkedBlocks).toBe(1);
    await h.send(ch.block, blocks([forgedBlock(1, PARK_AHEAD_HEIGHTS, 7n)]));
    expect(h.engine.retained().parkedBlocks).toBe(2);
  });

  it("at most MAX_PARKED_BLOCKS are parked: the farthest ahead are evicted, a new farthest one is not kept", async () => {
    const h = await startEngine();
    const list = Array.from({ length: MAX_PARKED_BLOCKS + 20 }, (_, i) =>
      forgedBlock(1 + (i % 3), BigInt(i + 2), BigInt(i + 2)),
    );
    await h.send(ch.block, blocks(list));
    expect(h.engine.retained().parkedBlocks).toBe(MAX_PARKED_BLOCKS);
    const lowest = hashOf(list[0]!);
    const highest = hashOf(list.at(-1)!);
    const kept = await served(h, [lowest, highest]);
    expect(kept).toEqual(new Set([bytesToHex(lowest)]));
    // A lower block evicts the highest parked one.
    const top = hashOf(list[MAX_PARKED_BLOCKS - 1]!);
    expect(await served(h, [top])).toEqual(new Set([bytesToHex(top)]));
    await h.send(ch.block, blocks([forgedBlock(2, 3n, 3n)]));
    expect(h.engine.retained().parkedBlocks).toBe(MAX_PARKED_BLOCKS);
    expect(await served(h, [top])).toEqual(new Set());
  });

  it("parked blocks hold at most MAX_PARKED_BYTES encoded bytes: blocks of 3 MiB", async () => {
    const h = await startEngine();
    const tx = new Uint8Array(3 * 2 ** 20).fill(7);
    const list = Array.from({ length: 12 }, (_, i) => forgedBlock(1, BigInt(i + 2), BigInt(i + 2), [tx]));
    await h.send(ch.block, blocks(list));
    const r = h.engine.retained();
    expect(r.parkedBytes).toBeLessThanOrEqual(MAX_PARKED_BYTES);
    expect(r.parkedBytes).toBeGreaterThan(10 * tx.length);
    expect(r.parkedBlocks).toBe(10);
    const kept = await served(h, list.map(hashOf));
    expect(kept).toEqual(new Set(list.slice(0, 10).map((b) => bytesToHex(hashOf(b)))));
  });

  it("first-proposal records: only for validators, up to VOTE_EPOCHS_AHEAD epochs ahead, at most MAX_PROPOSAL_RECORDS", async () => {
    const h = await startEngine();
    const epoch = h.engine.status().epoch;
    await h.send(ch.block, blocks([forgedBlock(1, 2n, epoch + VOTE_EPOCHS_AHEAD + 1n)]));
    expect(h.engine.retained().proposalRecords).toBe(0);
    const list = [0, 1, 2, 3].flatMap((v) =>
      Array.from({ length: Number(VOTE_EPOCHS_AHEAD) + 1 }, (_, e) => forgedBlock(v, 2n, epoch + BigInt(e))),
    );
    expect(list.length).toBeGreaterThan(MAX_PROPOSAL_RECORDS);
    await h.send(ch.block, blocks(list));
    expect(h.engine.retained().proposalRecords).toBe(MAX_PROPOSAL_RECORDS);
  });
});

describe("validator engine limits: catching up past the parked-block bound", () => {
  it("a node more than MAX_PARKED_BLOCKS blocks behind walks down in rounds, keeping the lowest parked blocks, and catches up", async () => {
    const sim = createSimulation({ seed: 5n, nodes: 4, blockIntervalMs: 100 });
    await sim.start();
    await sim.runFor(2_000);
    await sim.crash(3);
    await sim.runFor(150_000);
    const [first, late] = [sim.nodes[0]!, sim.nodes[3]!];
    const gap = first.engine.status().lastFinalizedHeight - late.engine.status().lastFinalizedHeight;
    expect(gap).toBeGreaterThan(BigInt(MAX_PARKED_BLOCKS));
    expect(gap).toBeLessThan(PARK_AHEAD_HEIGHTS);
    await sim.restart(3);
    let mostParked = 0;
    let mostBehind = 0n;
    for (let s = 0; s < 120; s++) {
      await sim.runFor(1_000);
      mostParked = Math.max(mostParked, late.engine.retained().parkedBlocks);
      const st = late.engine.status();
      if (st.highestSeenHeight - st.height > mostBehind) mostBehind = st.highestSeenHeight - st.height;
      if (late.engine.status().lastFinalizedHeight >= first.engine.status().lastFinalizedHeight - 2n) break;
    }
    expect(mostParked).toBe(MAX_PARKED_BLOCKS);
    // While it walked down, the late node knew how far behind it was (the node reports `syncing`).
    expect(mostBehind).toBeGreaterThan(BigInt(MAX_PARKED_BLOCKS));
    const caughtUp = late.engine.status();
    expect(caughtUp.highestSeenHeight - caughtUp.height).toBeLessThan(5n);
    expect(late.engine.status().lastFinalizedHeight).toBeGreaterThanOrEqual(
      first.engine.status().lastFinalizedHeight - 2n,
    );
    expect(sim.errors).toEqual([]);
    sim.checkSafety();
  });
});

describe("validator engine limits: votes", () => {
  it("a non-validator's votes are not kept, whatever their epoch", async () => {
    const h = await startEngine();
    const before = h.engine.retained();
    const votes = Array.from({ length: 200 }, (_, i) =>
      signedVote(OUTSIDER, unknownHash(), 2n, i % 2 === 0 ? 2n : 10_000_000n + BigInt(i)),
    );
    await h.send(ch.vote, votes.map(voteMessage));
    await h.send(ch.proposal, [
      proposalMessage({ block: undefined, proposerId: addr(OUTSIDER), votes }, forks),
    ]);
    expect(h.engine.retained()).toEqual(before);
  });

  it("a validator's vote far ahead counts for the epoch only; one for an unknown block beyond the height window is not indexed", async () => {
    const h = await startEngine();
    const epoch = h.engine.status().epoch;
    const before = h.engine.retained();
    await h.send(ch.vote, [voteMessage(signedVote(1, unknownHash(), 3n, epoch + VOTE_EPOCHS_AHEAD + 1n))]);
    let r = h.engine.retained();
    expect([r.seenVotes, r.votedBlocks, r.epochVotes]).toEqual([
      before.seenVotes,
      before.votedBlocks,
      before.epochVotes + 1,
    ]);
    const sentBefore = h.sent.length;
    await h.send(ch.vote, [voteMessage(signedVote(2, unknownHash(), PARK_AHEAD_HEIGHTS + 1n, epoch))]);
    r = h.engine.retained();
    expect([r.seenVotes, r.votedBlocks]).toEqual([before.seenVotes + 1, before.votedBlocks]);
    expect(h.sent.length).toBe(sentBefore); // and not requested
    await h.send(ch.vote, [voteMessage(signedVote(2, unknownHash(), PARK_AHEAD_HEIGHTS, epoch + 1n))]);
    r = h.engine.retained();
    expect([r.seenVotes, r.votedBlocks]).toEqual([before.seenVotes + 2, before.votedBlocks + 1]);
    expect(h.sent.length).toBe(sentBefore + 1);
  });

  it("seen votes are capped at MAX_SEEN_VOTES, unknown voted blocks at MAX_VOTED_UNKNOWN_BLOCKS, epoch votes per validator", async () => {
    const h = await startEngine();
    const epoch = h.engine.status().epoch;
    const votes = Array.from({ length: MAX_SEEN_VOTES + 100 }, (_, i) =>
      signedVote(1 + (i % 2), unknownHash(), 2n + BigInt(i % 100), epoch + BigInt(i % 1000)),
    );
    const batches = Array.from({ length: Math.ceil(votes.length / 2000) }, (_, i) =>
      proposalMessage(
        { block: undefined, proposerId: addr(1), votes: votes.slice(i * 2000, i * 2000 + 2000) },
        forks,
      ),
    );
    await h.send(ch.proposal, batches);
    const r = h.engine.retained();
    expect(r.seenVotes).toBe(MAX_SEEN_VOTES);
    expect(r.votedBlocks).toBe(MAX_VOTED_UNKNOWN_BLOCKS);
    expect(r.epochVotes).toBeLessThanOrEqual(2 * MAX_SAME_EPOCH_VOTES);
    expect(h.engine.status().epoch).toBe(epoch); // two of four validators: no majority
  });
});

describe("validator engine limits: the inbound queue", () => {
  it("holds at most MAX_QUEUED_BYTES of payloads: a message beyond it is dropped, and taken once the queue drained", async () => {
    const h = await startEngine();
    const big = new Uint8Array(MAX_QUEUED_BYTES / 8); // junk: dropped when decoded
    for (let i = 0; i < 8; i++) h.deliver(ch.proposal, big);
    const request = blockRequestMessage([genesisHash]);
    h.deliver(ch.block, request);
    expect(h.engine.retained().queuedBytes).toBe(MAX_QUEUED_BYTES);
    expect(h.engine.retained().queuedMessages).toBe(8);
    await h.engine.whenIdle();
    expect(h.engine.retained().queuedBytes).toBe(0);
    expect(h.sent).toEqual([]); // the request did not fit
    await h.send(ch.block, [request]);
    expect(h.sent.length).toBe(1);
  });

  it("holds at most MAX_QUEUED_MESSAGES messages", async () => {
    const h = await startEngine();
    const request = blockRequestMessage([genesisHash]);
    for (let i = 0; i < MAX_QUEUED_MESSAGES + 10; i++) h.deliver(ch.block, request);
    expect(h.engine.retained().queuedMessages).toBe(MAX_QUEUED_MESSAGES);
    await h.engine.whenIdle();
    expect(h.sent.length).toBe(MAX_QUEUED_MESSAGES);
  });
});
