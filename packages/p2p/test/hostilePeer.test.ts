/**
 * A hostile peer against a running network: four validator engines (docs/consensus.md §2, fake executor
 * and signatures, real clock) finalize blocks over libp2p on 127.0.0.1 while a bare libp2p host on
 * the same chain sends, on every topic and on the direct protocol, random bytes, envelopes around
 * random payloads, oversized messages, replays of the validators' own messages, and well-signed
 * messages of the wrong epoch and height (votes and proposals of a key that is not a validator).
 * Finalization must go on, the junk must be dropped where it comes in (not delivered to the engine,
 * not gossiped on to the peers the hostile is not connected to), and memory must stay bounded.
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { peerIdFromString } from "@libp2p/peer-id";
import { multiaddr } from "@multiformats/multiaddr";
import {
  blockRequestMessage,
  Channel,
  createValidatorEngine,
  decodeConsensusMessage,
  proposalMessage,
  type StakeEntry,
  type ValidatorEngine,
  voteMessage,
} from "@theta/consensus";
import {
  createFakeExecutor,
  createFakeSigner,
  createMemoryBlockStore,
  createMemoryVoteStore,
  fakeCrypto,
  fakeGenesis,
} from "@theta/consensus/testing";
import {
  ALL_FORKS_AT_GENESIS,
  type Block,
  concatBytes,
  decodeSyncMessage,
  decodeTx,
  EMPTY_ROOT_HASH,
  headerSignBytes,
  type Vote,
  voteSignBytes,
  ChannelId as WireChannelId,
} from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DIRECT_FRAME_BYTES } from "../src/directLink.ts";
import {
  createP2pNetwork,
  DropReason,
  decodeWireMessage,
  directProtocol,
  encodeWireMessage,
  maxPayloadBytes,
  P2P_CHANNELS,
  type P2pChannelId,
  type P2pNetwork,
  topicName,
} from "../src/index.ts";
import { createHost, type Host } from "../src/libp2pNode.ts";
import { waitFor, writeAll } from "./helpers.ts";

const CHAIN = "privatenet";
const forks = ALL_FORKS_AT_GENESIS;
const genesis = fakeGenesis(CHAIN);
const addr = (i: number) => new Uint8Array(20).fill(0x10 + i);
const validators: StakeEntry[] = [0, 1, 2, 3].map((i) => ({ address: addr(i), stake: 1n }));
const spec = { chainId: CHAIN, forks, validators };
const hostileSigner = createFakeSigner(new Uint8Array(20).fill(0xee));

/** Deterministic bytes. */
let seed = 12345;
function random(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = seed >>> 16;
  }
  return out;
}

/** The heap and the byte arrays outside it after a full collection (bytes). */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

interface Validator {
  readonly net: P2pNetwork;
  readonly engine: ValidatorEngine;
  /** Payloads delivered to this node that do not decode as their channel's message. */
  junkDelivered: number;
  delivered: number;
}

const clock = {
  now: () => Date.now(),
  setTimer(ms: number, cb: () => void) {
    const t = setTimeout(cb, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

const ENGINE_CHANNELS: ReadonlySet<number> = new Set([
  Channel.Block,
  Channel.Proposal,
  Channel.Vote,
  Channel.Guardian,
]);

/** Whether a delivered payload is a well-formed message of its channel. */
function wellFormed(channel: number, payload: Uint8Array): boolean {
  try {
    if (channel === WireChannelId.Transaction) decodeTx(payload);
    else if (ENGINE_CHANNELS.has(channel)) decodeConsensusMessage(channel, payload, forks);
    // Channels no engine here reads (headers, elite edge node votes): a sync message of the channel.
    else if (decodeSyncMessage(payload).channelId !== channel) return false;
    return true;
  } catch {
    return false;
  }
}

const nodes: Validator[] = [];
let hostile: Host;
const held: unknown[] = [];
/** Real messages the hostile saw on each topic, to replay. */
const captured = new Map<number, Uint8Array[]>();

beforeAll(async () => {
  const addrs: string[] = [];
  for (let i = 0; i < 4; i++) {
    const net = createP2pNetwork({
      chainId: CHAIN,
      listen: { host: "127.0.0.1", port: 0 },
      seeds: [...addrs],
      seedRedialMs: 300,
      streamTimeoutMs: 2_000,
    });
    await net.start();
    addrs.push(net.listenAddrs()[0]!);
    const engine = createValidatorEngine(
      {
        clock,
        network: net,
        store: createMemoryBlockStore(),
        votes: createMemoryVoteStore(),
        executor: createFakeExecutor(spec, fakeCrypto, genesis),
        signer: createFakeSigner(addr(i)),
        crypto: fakeCrypto,
      },
      { chainId: CHAIN, forks, genesis, blockIntervalMs: 150 },
    );
    const v: Validator = { net, engine, junkDelivered: 0, delivered: 0 };
    net.subscribeAll((m) => {
      v.delivered++;
      if (!wellFormed(m.channel, m.payload)) v.junkDelivered++;
    });
    nodes.push(v);
  }
  await waitFor("a full mesh", () => nodes.every((n) => n.net.peers().length === 3), 20_000);
  await waitFor(
    "the vote topic's mesh",
    () => nodes.every((n) => n.net.meshPeers(Channel.Vote).length >= 2),
    20_000,
  );
  for (const n of nodes) await n.engine.start();

  // The hostile peer: a bare host on the chain, connected to the first validator only (so what the
  // others receive from it can only come through gossip), serving the direct protocol but never
  // reading what it is sent.
  hostile = await createHost({
    privateKey: undefined,
    listenAddr: "/ip4/127.0.0.1/tcp/0",
    topics: P2P_CHANNELS.map((ch) => topicName(CHAIN, ch)),
    maxConnections: 8,
  });
  await hostile.start();
  await hostile.handle(directProtocol(CHAIN), (stream) => void held.push(stream));
  for (const ch of P2P_CHANNELS) hostile.services.pubsub.subscribe(topicName(CHAIN, ch));
  hostile.services.pubsub.addEventListener("message", (e) => {
    const ch = Number(e.detail.topic.split("/").at(-1)) as number;
    const list = captured.get(ch) ?? [];
    if (list.length < 64) list.push(e.detail.data);
    captured.set(ch, list);
  });
  await hostile.dial(multiaddr(addrs[0]!));
  await waitFor("the hostile peer to be accepted", () => nodes[0]!.net.peers().length === 4, 20_000);
  await waitFor(
    "the hostile peer in the vote mesh",
    () => hostile.services.pubsub.getMeshPeers(topicName(CHAIN, Channel.Vote)).length === 1,
    20_000,
  );
}, 90_000);

afterAll(async () => {
  for (const n of nodes) await n.engine.stop();
  await hostile?.stop();
  for (const n of nodes) await n.net.stop();
});

const finalized = () => nodes.map((n) => n.engine.status().lastFinalizedHeight);
const minFinalized = () => [...finalized()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0]!;

/** `bytes` with its unsigned-varint length in front, as the direct protocol frames messages. */
function frame(bytes: Uint8Array, announced = bytes.length): Uint8Array {
  const prefix: number[] = [];
  for (let n = announced; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      prefix.push(n);
      break;
    }
    prefix.push((n % 128) | 128);
  }
  return concatBytes(Uint8Array.from(prefix), bytes);
}

/** A vote the hostile signs itself: a key outside the validator set, far ahead in epoch and height. */
function forgedVote(epochAhead: bigint): Vote {
  const status = nodes[0]!.engine.status();
  const v: Vote = {
    block: random(32),
    height: status.height + epochAhead,
    epoch: status.epoch + epochAhead,
    id: hostileSigner.address(),
    signature: undefined,
  };
  return { ...v, signature: hostileSigner.signSecp256k1(voteSignBytes(v)) };
}

/** A block the hostile proposes and signs itself, on an unknown parent, far ahead. */
function forgedBlock(ahead: bigint, txs: Uint8Array[] = []): Block {
  const status = nodes[0]!.engine.status();
  const header = {
    ...genesis.header,
    epoch: status.epoch + ahead,
    height: status.height + ahead,
    parent: random(32),
    hcc: { votes: [], blockHash: random(32) },
    txHash: EMPTY_ROOT_HASH,
    timestamp: BigInt(Date.now()),
    proposer: hostileSigner.address(),
    signature: undefined,
  };
  return {
    header: { ...header, signature: hostileSigner.signSecp256k1(headerSignBytes(header, forks)) },
    txs,
  };
}

/** One round of hostile traffic: every kind of bad message on every channel, gossiped and direct. */
async function attackRound(round: number): Promise<number> {
  const target = peerIdFromString(nodes[0]!.net.peerId());
  const gossip: Array<[P2pChannelId, Uint8Array]> = [];
  const direct: Uint8Array[] = [];
  for (const ch of P2P_CHANNELS) {
    // Random bytes, no envelope; an envelope around random bytes; an envelope around a payload of
    // the channel's limit plus one (every 8th round: they are large).
    gossip.push([ch, random(200)]);
    gossip.push([ch, encodeWireMessage(ch, random(300))]);
    direct.push(random(120), encodeWireMessage(ch, random(150)));
    if (round % 8 === 0) {
      const big = encodeWireMessage(ch, new Uint8Array(maxPayloadBytes(ch) + 1));
      if (maxPayloadBytes(ch) < 4 * 1024 * 1024) gossip.push([ch, big]);
      direct.push(big);
    }
    // Replays of what the validators sent.
    for (const m of (captured.get(ch) ?? []).slice(-4)) {
      gossip.push([ch, m]);
      direct.push(m);
    }
  }
  // Well-signed messages of the wrong epoch: votes of a non-validator key far ahead, a proposal of
  // that key with a block far ahead on an unknown parent and a batch of its votes, the validators'
  // own votes replayed with another epoch (their signatures no longer match), block requests for
  // unknown hashes.
  const votes = Array.from({ length: 20 }, (_, i) => forgedVote(1_000n + BigInt(round * 20 + i)));
  for (const v of votes.slice(0, 4)) {
    const wire = encodeWireMessage(Channel.Vote, voteMessage(v));
    gossip.push([Channel.Vote, wire]);
    direct.push(wire);
  }
  const block = forgedBlock(500n + BigInt(round), [random(64)]);
  const proposal = proposalMessage({ block, proposerId: hostileSigner.address(), votes }, forks);
  gossip.push([Channel.Proposal, encodeWireMessage(Channel.Proposal, proposal)]);
  for (const m of (captured.get(Channel.Vote) ?? []).slice(-4)) {
    const r = decodeWireMessage(Channel.Vote, m);
    if (!r.ok) continue;
    const decoded = decodeConsensusMessage(Channel.Vote, r.value, forks);
    if (decoded.kind !== "vote") continue;
    const moved = { ...decoded.vote, epoch: decoded.vote.epoch + 7n };
    gossip.push([Channel.Vote, encodeWireMessage(Channel.Vote, voteMessage(moved))]);
  }
  const request = encodeWireMessage(
    Channel.Block,
    blockRequestMessage(Array.from({ length: 16 }, () => random(32))),
  );
  gossip.push([Channel.Block, request]);
  direct.push(request);
  // An oversized frame on the direct protocol (only its length prefix is sent).
  if (round % 8 === 4) direct.push(new Uint8Array(0));
  for (const [ch, bytes] of gossip)
    await hostile.services.pubsub.publish(topicName(CHAIN, ch), bytes).catch(() => {});
  const stream = await hostile.dialProtocol(target, directProtocol(CHAIN));
  const frames = direct.map((d) =>
    d.length === 0 ? frame(new Uint8Array(16), MAX_DIRECT_FRAME_BYTES + 1) : frame(d),
  );
  await writeAll(stream, frames);
  return gossip.length + direct.length;
}

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
