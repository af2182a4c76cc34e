import { peerIdFromString } from "@libp2p/peer-id";
import { multiaddr } from "@multiformats/multiaddr";
import { Channel } from "@theta/consensus";
import { utf8ToBytes } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DropReason,
  encodeWireMessage,
  MAX_MESSAGE_BYTES,
  P2P_CHANNELS,
  type P2pChannelId,
  streamProtocol,
  topicName,
} from "../src/index.ts";
import { createHost, type Host } from "../src/libp2pNode.ts";
import { received, startNode, type TestNode, waitFor } from "./helpers.ts";

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
  await raw.handle(streamProtocol(CHAIN, P2P_CHANNELS[0]!), ({ stream }) => void stream.close());
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

async function stream(channel: P2pChannelId, chunks: Uint8Array[]): Promise<void> {
  const s = await raw.dialProtocol(peerIdFromString(node.net.peerId()), streamProtocol(CHAIN, channel));
  await s.sink(chunks).catch(() => {});
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

  it("streams: malformed, oversized and never-ending streams", async () => {
    await stream(Channel.Proposal, [utf8ToBytes("garbage")]);
    await waitFor("malformed", () => dropped(DropReason.InboundMalformed) === 2);
    const chunk = new Uint8Array(64 * 1024);
    await stream(
      Channel.Vote,
      Array.from({ length: MAX_MESSAGE_BYTES / chunk.length + 2 }, () => chunk),
    );
    await waitFor("oversized", () => dropped(DropReason.InboundOversized) === 2);
    const s = await raw.dialProtocol(
      peerIdFromString(node.net.peerId()),
      streamProtocol(CHAIN, Channel.Vote),
    );
    void s
      .sink(
        (async function* () {
          yield utf8ToBytes("03");
          await new Promise(() => {});
        })(),
      )
      .catch(() => {});
    await waitFor("the stream timeout", () => dropped(DropReason.InboundStreamFailed) === 1);
    expect(node.inbox).toEqual([]);
  });

  it("the node still delivers good messages from the same peer afterwards", async () => {
    const vote = utf8ToBytes("a good vote");
    await publish(Channel.Vote, encodeWireMessage(Channel.Vote, vote));
    const proposal = utf8ToBytes("a good proposal");
    await stream(Channel.Proposal, [encodeWireMessage(Channel.Proposal, proposal)]);
    await waitFor(
      "both",
      () => received(node.inbox, Channel.Vote, vote) && received(node.inbox, Channel.Proposal, proposal),
    );
    expect(node.inbox.every((m) => m.from === raw.peerId.toString())).toBe(true);
  });
});
