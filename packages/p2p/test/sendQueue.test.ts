import { multiaddr } from "@multiformats/multiaddr";
import { Channel } from "@theta/consensus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createP2pNetwork,
  DropReason,
  directProtocol,
  P2P_CHANNELS,
  type P2pNetwork,
  topicName,
} from "../src/index.ts";
import { createHost, type Host } from "../src/libp2pNode.ts";
import { waitFor } from "./helpers.ts";

const CHAIN = "privatenet";
const MiB = 1024 * 1024;
let node: P2pNetwork;
let reader: Host;
const held: unknown[] = [];

/** A node, and a bare host on the chain that accepts direct streams and never reads them. */
beforeAll(async () => {
  node = createP2pNetwork({
    chainId: CHAIN,
    listen: { host: "127.0.0.1", port: 0 },
    streamTimeoutMs: 2_000,
    maxQueuedBytesPerPeer: 4 * MiB,
    checkPayloads: false,
  });
  await node.start();
  reader = await createHost({
    privateKey: undefined,
    listenAddr: "/ip4/127.0.0.1/tcp/0",
    topics: P2P_CHANNELS.map((ch) => topicName(CHAIN, ch)),
    maxConnections: 4,
  });
  await reader.start();
  await reader.handle(directProtocol(CHAIN), (stream) => void held.push(stream));
  await reader.dial(multiaddr(node.listenAddrs()[0]!));
  await waitFor("the reader to be accepted", () => node.peers().length === 1);
});

afterAll(async () => {
  await reader?.stop();
  await node?.stop();
});

describe("the send queue of a peer that does not read", () => {
  it("holds at most maxQueuedBytesPerPeer; what does not fit is dropped and counted, and the queue drains", async () => {
    const to = reader.peerId.toString();
    for (let i = 0; i < 40; i++) node.send(to, Channel.Vote, new Uint8Array(MiB).fill(i));
    const s = node.stats();
    // 1 MiB messages under a 4 MiB cap: three fit (the fourth would pass it).
    expect(s.queuedSends).toBe(3);
    expect(s.queuedSendBytes).toBeLessThanOrEqual(4 * MiB);
    expect(s.dropped[DropReason.SendQueueFull]).toBe(37);
    // Written into the stream's buffers or timed out: either way the queue empties.
    await waitFor("the queue to drain", () => node.stats().queuedSends === 0, 30_000);
    const after = node.stats();
    expect(after.queuedSendBytes).toBe(0);
    expect(after.directSent + after.dropped[DropReason.SendFailed]).toBe(3);
  });
});
