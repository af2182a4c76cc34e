/**
 * The network of the hostile-peer tests (hostilePeer.test.ts): four validator engines (fake
 * executor and signatures, real clock) over libp2p on 127.0.0.1 and a bare hostile libp2p host on
 * the same chain, started by {@link useHostileNetwork} before the file's tests and stopped after;
 * deterministic random bytes and the heap measure the tests use. The bindings below are live.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { multiaddr } from "@multiformats/multiaddr";
import {
  Channel,
  createValidatorEngine,
  decodeConsensusMessage,
  type StakeEntry,
  type ValidatorEngine,
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
  decodeSyncMessage,
  decodeTx,
  ChannelId as WireChannelId,
} from "@theta/core-types";
import { afterAll, beforeAll } from "vitest";
import { createP2pNetwork, directProtocol, P2P_CHANNELS, type P2pNetwork, topicName } from "../src/index.ts";
import { createHost, type Host } from "../src/libp2pNode.ts";
import { waitFor } from "./helpers.ts";

export const CHAIN = "privatenet";
export const forks = ALL_FORKS_AT_GENESIS;
export const genesis = fakeGenesis(CHAIN);
export const addr = (i: number) => new Uint8Array(20).fill(0x10 + i);
export const validators: StakeEntry[] = [0, 1, 2, 3].map((i) => ({ address: addr(i), stake: 1n }));
export const spec = { chainId: CHAIN, forks, validators };
export const hostileSigner = createFakeSigner(new Uint8Array(20).fill(0xee));

/** Deterministic bytes. */
let seed = 12345;
export function random(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = seed >>> 16;
  }
  return out;
}

/** The heap and the byte arrays outside it after a full collection (bytes). */
setFlagsFromString("--expose-gc");
export const gc = runInNewContext("gc") as () => void;
export const heapAfterGc = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export interface Validator {
  readonly net: P2pNetwork;
  readonly engine: ValidatorEngine;
  /** Payloads delivered to this node that do not decode as their channel's message. */
  junkDelivered: number;
  delivered: number;
}

export const clock = {
  now: () => Date.now(),
  setTimer(ms: number, cb: () => void) {
    const t = setTimeout(cb, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

export const ENGINE_CHANNELS: ReadonlySet<number> = new Set([
  Channel.Block,
  Channel.Proposal,
  Channel.Vote,
  Channel.Guardian,
]);

/** Whether a delivered payload is a well-formed message of its channel. */
export function wellFormed(channel: number, payload: Uint8Array): boolean {
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

export const nodes: Validator[] = [];
export let hostile: Host;
export const held: unknown[] = [];
/** Real messages the hostile saw on each topic, to replay. */
export const captured = new Map<number, Uint8Array[]>();

/** Registers the file's hooks: the network started before its tests, stopped after. */
export function useHostileNetwork(): void {
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
}

export const finalized = () => nodes.map((n) => n.engine.status().lastFinalizedHeight);
export const minFinalized = () => [...finalized()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0]!;
