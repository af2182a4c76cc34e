import { peerIdFromString } from "@libp2p/peer-id";
import { multiaddr } from "@multiformats/multiaddr";
import { Channel } from "@theta/consensus";
import { concatBytes, encodeUint, rlpEncode, utf8ToBytes } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DIRECT_FRAME_BYTES } from "../src/directLink.ts";
import {
  DropReason,
  directProtocol,
  encodeTxBatchMessage,
  encodeWireMessage,
  MAX_MESSAGE_BYTES,
  P2P_CHANNELS,
  type P2pChannelId,
  topicName,
} from "../src/index.ts";
import { createHost, type Host } from "../src/libp2pNode.ts";
import { received, startNode, type TestNode, waitFor, writeAll } from "./helpers.ts";

const CHAIN = "privatenet";
let node: TestNode;
let raw: Host;

/** A bare libp2p host on the same chain that publishes and streams whatever bytes a test gives it. */
beforeAll(async () => {
  node = await startNode(CHAIN, [], 1_000);
  raw = await createHost({
    privateKey: undefined,
    listenAddr: "/ip4/127.0.0.1/tcp/0",
    topics: P2P_CHANNELS.map((ch) => topicName(CHAIN, ch)),
    maxConnections: 8,
  });
  await raw.start();
  await raw.handle(directProtocol(CHAIN), (stream) => void stream.close());
  for (const ch of [Channel.Header, Channel.Vote]) raw.services.pubsub.subscribe(topicName(CHAIN, ch));
  await raw.dial(multiaddr(node.net.listenAddrs()[0]!));
  await waitFor("the raw host to be accepted", () => node.net.peers().length === 1);
  await waitFor(
    "the mesh",
    () => raw.services.pubsub.getMeshPeers(topicName(CHAIN, Channel.Vote)).length === 1,
  );
});

afterAll(async () => {
  await raw?.stop();
  await node?.net.stop();
});

const dropped = (r: DropReason) => node.net.stats().dropped[r];

async function publish(channel: P2pChannelId, bytes: Uint8Array): Promise<void> {
  await raw.services.pubsub.publish(topicName(CHAIN, channel), bytes);
}

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

/** Opens a direct stream to the node, writes `chunks` and closes it. */
async function stream(chunks: Uint8Array[]): Promise<void> {
  const s = await raw.dialProtocol(peerIdFromString(node.net.peerId()), directProtocol(CHAIN));
  await writeAll(s, chunks);
}

describe("bad input from a peer is dropped and counted", () => {
  it("gossip: malformed, mislabelled and oversized messages", async () => {
    await publish(Channel.Vote, utf8ToBytes("not an envelope"));
    await waitFor("malformed", () => dropped(DropReason.InboundMalformed) === 1);
    await publish(Channel.Header, encodeWireMessage(Channel.Vote, utf8ToBytes("vote on the header topic")));
    await waitFor("wrong channel", () => dropped(DropReason.InboundWrongChannel) === 1);
    await publish(Channel.Vote, new Uint8Array(MAX_MESSAGE_BYTES + 100));
    await waitFor("oversized", () => dropped(DropReason.InboundOversized) === 1);
    expect(node.inbox).toEqual([]);
  });

  it("direct streams: malformed, mislabelled and oversized frames", async () => {
    await stream([frame(utf8ToBytes("garbage"))]);
    await waitFor("malformed", () => dropped(DropReason.InboundMalformed) === 2);
    await stream([frame(encodeWireMessage(9 as P2pChannelId, utf8ToBytes("ping")))]);
    await waitFor("unknown channel", () => dropped(DropReason.InboundWrongChannel) === 2);
    await stream([frame(encodeWireMessage(Channel.Vote, new Uint8Array(MAX_MESSAGE_BYTES + 1)))]);
    await waitFor("oversized payload", () => dropped(DropReason.InboundOversized) === 2);
    await stream([frame(new Uint8Array(16), MAX_DIRECT_FRAME_BYTES + 1)]);
    await waitFor("oversized frame", () => dropped(DropReason.InboundOversized) === 3);
    expect(node.inbox).toEqual([]);
  });

  it("direct streams: bad tx batches are dropped whole, the next frame is delivered", async () => {
    const manyTxs = encodeTxBatchMessage(Array.from({ length: 4097 }, () => Uint8Array.of(1)));
    const nested = rlpEncode([encodeUint(7), [[Uint8Array.of(1)]]]);
    const ok = utf8ToBytes("a batched tx after bad batches");
    await stream([frame(manyTxs), frame(nested), frame(encodeTxBatchMessage([ok]))]);
    await waitFor("the good batch", () => received(node.inbox, 7, ok));
    expect(dropped(DropReason.InboundInvalidBatch)).toBe(2);
    expect(node.inbox.filter((m) => m.channel === 7)).toHaveLength(1);
    node.inbox.length = 0;
  });

  it("a bad frame does not end the stream: the next frame is delivered", async () => {
    const vote = utf8ToBytes("after a bad frame");
    await stream([frame(utf8ToBytes("garbage")), frame(encodeWireMessage(Channel.Vote, vote))]);
    await waitFor("delivery", () => received(node.inbox, Channel.Vote, vote));
    expect(dropped(DropReason.InboundMalformed)).toBe(3);
  });

  it("short streams one after another are all served: each is closed once its peer closes it", async () => {
    // More streams than the node allows open at once per connection (4): a stream left half-open
    // would make the fifth dial fail.
    const votes = Array.from({ length: 10 }, (_, i) => utf8ToBytes(`short stream ${i}`));
    for (const vote of votes) await stream([frame(encodeWireMessage(Channel.Vote, vote))]);
    await waitFor("every short stream", () => votes.every((v) => received(node.inbox, Channel.Vote, v)));
  });

  it("the node still delivers good messages from the same peer afterwards", async () => {
    const vote = utf8ToBytes("a good vote");
    await publish(Channel.Vote, encodeWireMessage(Channel.Vote, vote));
    const proposal = utf8ToBytes("a good proposal");
    await stream([frame(encodeWireMessage(Channel.Proposal, proposal))]);
    await waitFor(
      "both",
      () => received(node.inbox, Channel.Vote, vote) && received(node.inbox, Channel.Proposal, proposal),
    );
    expect(node.inbox.every((m) => m.from === raw.peerId.toString())).toBe(true);
  });
});
