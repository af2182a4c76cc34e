import { peerIdFromString } from "@libp2p/peer-id";
import { Channel, proposalMessage } from "@theta/consensus";
import { describe, expect, it } from "vitest";
import { DropReason, directProtocol, encodeWireMessage } from "../src/index.ts";
import { waitFor, writeAll } from "./helpers.ts";
import {
  CHAIN,
  finalized,
  forks,
  heapAfterGc,
  hostile,
  hostileSigner,
  minFinalized,
  nodes,
  useHostileNetwork,
} from "./hostileNetwork.ts";
import { attackRound, forgedBlock, forgedVote, frame } from "./hostileTraffic.ts";

useHostileNetwork();

describe("a hostile peer against four validators", () => {
  it("finalization goes on, junk is dropped where it comes in and never gossiped on, memory stays bounded", async () => {
    await waitFor("the first finalized blocks", () => minFinalized() >= 3n, 30_000);
    const start = minFinalized();
    const baseline = heapAfterGc();
    const samples: number[] = [];
    let queuedBytes = 0;
    let sent = 0;
    let rounds = 0;
    // The attack runs 60 rounds, and on until every validator finalized 10 more blocks (at most 400).
    while (rounds < 60 || minFinalized() < start + 10n) {
      expect(rounds, "rounds of attack before 10 more blocks were finalized").toBeLessThan(400);
      sent += await attackRound(rounds++);
      if (rounds % 10 === 0) {
        samples.push(heapAfterGc() - baseline);
        for (const n of nodes) queuedBytes = Math.max(queuedBytes, n.net.stats().queuedSendBytes);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    // Settled: the network finalizes two more blocks after the attack, every engine idle.
    const end = minFinalized();
    await waitFor("two more blocks after the attack", () => minFinalized() >= end + 2n, 30_000);
    for (const n of nodes) await n.engine.whenIdle();
    const settled = heapAfterGc() - baseline;
    const stats = nodes.map((n) => n.net.stats());
    console.log(
      `hostile peer: ${rounds} rounds, ${sent} messages; finalized ${start} -> ${finalized().join(",")}; heap growth samples (MiB) ${samples.map((s) => (s / 2 ** 20).toFixed(1)).join(" ")}, settled ${(settled / 2 ** 20).toFixed(1)}; first validator dropped ${JSON.stringify(stats[0]!.dropped)}; delivered ${nodes.map((n) => n.delivered).join(",")}, junk delivered ${nodes.map((n) => n.junkDelivered).join(",")}`,
    );
    // Every validator finalized at least 10 more blocks under attack.
    for (const h of finalized()) expect(h).toBeGreaterThanOrEqual(start + 10n);
    // Junk was dropped on arrival: nothing malformed reached an engine, nothing was gossiped on.
    for (const n of nodes) expect(n.junkDelivered).toBe(0);
    const first = stats[0]!.dropped;
    expect(first[DropReason.InboundMalformed]).toBeGreaterThan(0);
    expect(first[DropReason.InboundOversized]).toBeGreaterThan(0);
    expect(first[DropReason.InboundInvalidPayload]).toBeGreaterThan(0);
    // Memory (heap and byte arrays, after a full collection), sampled every 10 rounds: within 128 MiB
    // of the start while messages of up to 12 MiB are in flight, within 64 MiB once settled.
    expect(samples.length).toBeGreaterThanOrEqual(6);
    for (const s of samples) expect(s).toBeLessThan(128 * 2 ** 20);
    expect(settled).toBeLessThan(64 * 2 ** 20);
    // The hostile peer reads nothing sent to it: what waits for it stays within the per-peer cap.
    expect(queuedBytes).toBeLessThanOrEqual(64 * 2 ** 20);
  }, 240_000);
});

/**
 * Well-formed, self-signed messages of a key outside the validator set: the validator engine
 * (packages/consensus/src/validator, `admission.ts`) keeps nothing of them — neither the blocks (far
 * ahead, on unknown parents: not parked) nor the votes (not cached, not indexed, not counted).
 */
describe("well-formed messages of a non-validator key are not retained by the engine", () => {
  /**
   * Sends the messages `build` returns (wire bytes) to the first validator on one direct stream and
   * waits for its engine. They are built in here, so that once this returns nothing of them is held by
   * the test itself (an async test's locals stay reachable until it returns).
   */
  const sendDirect = async (build: () => Uint8Array[]) => {
    const messages = build();
    const stream = await hostile.dialProtocol(
      peerIdFromString(nodes[0]!.net.peerId()),
      directProtocol(CHAIN),
    );
    await writeAll(
      stream,
      messages.map((m) => frame(m)),
    );
    await waitFor("delivery", () => nodes[0]!.delivered >= deliveredBefore + messages.length, 30_000);
    await nodes[0]!.engine.whenIdle();
  };
  let deliveredBefore = 0;
  /**
   * Waits until the heap and byte arrays are within `bound` of `before` again. The hostile peer and the
   * validators share this process: right after the engine handled the last message, its bytes can still
   * sit in socket and stream buffers for a moment; what the engine kept would stay.
   */
  const settlesWithin = async (before: number, bound: number) => {
    await waitFor(`memory within ${bound / 2 ** 20} MiB`, () => heapAfterGc() - before < bound, 20_000);
    expect(heapAfterGc() - before).toBeLessThan(bound);
  };

  it("blocks far ahead on unknown parents, proposed by a non-validator, are not parked: 16 blocks of 4 MiB", async () => {
    deliveredBefore = nodes[0]!.delivered;
    const before = heapAfterGc();
    await sendDirect(() =>
      Array.from({ length: 16 }, (_, i) => {
        const block = forgedBlock(100_000n + BigInt(i), [new Uint8Array(4 * 2 ** 20).fill(i)]);
        const p = proposalMessage({ block, proposerId: hostileSigner.address(), votes: [] }, forks);
        return encodeWireMessage(Channel.Proposal, p);
      }),
    );
    expect(nodes[0]!.engine.retained().parkedBytes).toBeLessThan(4 * 2 ** 20);
    await settlesWithin(before, 16 * 2 ** 20);
  }, 120_000);

  it("votes of a non-validator key, far ahead, are not kept: 40,000 votes", async () => {
    deliveredBefore = nodes[0]!.delivered;
    const before = heapAfterGc();
    await sendDirect(() =>
      Array.from({ length: 20 }, (_, i) => {
        const votes = Array.from({ length: 2_000 }, (_, j) =>
          forgedVote(10_000_000n + BigInt(i * 2_000 + j)),
        );
        const p = proposalMessage({ block: undefined, proposerId: hostileSigner.address(), votes }, forks);
        return encodeWireMessage(Channel.Proposal, p);
      }),
    );
    await settlesWithin(before, 4 * 2 ** 20);
  }, 120_000);
});
