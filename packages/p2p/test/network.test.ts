import { Channel } from "@theta/consensus";
import { utf8ToBytes } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DropReason, MAX_MESSAGE_BYTES, P2P_CHANNELS } from "../src/index.ts";
import { received, startNode, type TestNode, waitFor } from "./helpers.ts";

const CHAIN = "privatenet";
let a: TestNode;
let b: TestNode;
let c: TestNode;
let other: TestNode;

beforeAll(async () => {
  a = await startNode(CHAIN);
  const seed = a.net.listenAddrs()[0]!;
  b = await startNode(CHAIN, [seed]);
  c = await startNode(CHAIN, [seed.replace(/\/p2p\/.*$/, "")]);
  other = await startNode("otherchain", [seed]);
  await waitFor("b and c to join a", () => a.net.peers().length === 2);
  await waitFor("b and c to see a", () => b.net.peers().length === 1 && c.net.peers().length === 1);
});

afterAll(async () => {
  await Promise.all([a, b, c, other].map((n) => n?.net.stop()));
});

describe("p2p network on 127.0.0.1", () => {
  it("connects through seeds given as multiaddrs with or without a peer id", () => {
    expect(a.net.peerIds()).toEqual([b.net.peerId(), c.net.peerId()].sort());
    expect(b.net.peers()).toEqual([a.net.peerId()]);
    expect(c.net.peers()).toEqual([a.net.peerId()]);
    const urls = b.net.peerUrls();
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${a.net.peerId()}$`));
    expect(a.net.listenAddrs()).toContain(urls[0]);
  });

  it("isolates a node of another chain", async () => {
    await waitFor(
      "a to refuse the other chain",
      () => a.net.stats().wrongChainPeers + other.net.stats().wrongChainPeers > 0,
    );
    expect(a.net.peers()).not.toContain(other.net.peerId());
    expect(other.net.peers()).toEqual([]);
  });

  it("a broadcast reaches every peer on every channel, relayed through a", async () => {
    for (const ch of P2P_CHANNELS) {
      await waitFor(`the channel ${ch} mesh to form`, () =>
        [a, b, c].every((n) => n.net.meshPeers(ch).length === (n === a ? 2 : 1)),
      );
    }
    for (const ch of P2P_CHANNELS) {
      const payload = utf8ToBytes(`broadcast on ${ch}`);
      b.net.broadcast(ch, payload);
      await waitFor(
        `a and c to get channel ${ch}`,
        () => received(a.inbox, ch, payload) && received(c.inbox, ch, payload),
      );
      expect(b.inbox.some((m) => m.channel === ch)).toBe(false);
      expect(a.inbox.find((m) => m.channel === ch)?.from).toBe(b.net.peerId());
    }
    expect(other.inbox).toEqual([]);
  });

  it("send reaches exactly one peer, in order", async () => {
    const first = utf8ToBytes("proposal for b");
    const second = utf8ToBytes("guardian vote for b");
    a.net.send(b.net.peerId(), Channel.Proposal, first);
    a.net.send(b.net.peerId(), Channel.Guardian, second);
    await waitFor("b to get both", () => received(b.inbox, Channel.Guardian, second));
    const got = b.inbox.filter((m) => m.from === a.net.peerId() && m.channel !== Channel.Vote);
    expect(got.map((m) => m.channel).slice(-2)).toEqual([Channel.Proposal, Channel.Guardian]);
    const marker = utf8ToBytes("marker for c");
    a.net.send(c.net.peerId(), Channel.Proposal, marker);
    await waitFor("c to get the marker", () => received(c.inbox, Channel.Proposal, marker));
    expect(received(c.inbox, Channel.Proposal, first)).toBe(false);
    expect(a.net.stats().directSent).toBeGreaterThanOrEqual(3);
  });

  it("sendTxs reaches one peer as one batch, each tx delivered on the transaction channel", async () => {
    const txs = [1, 2, 3].map((i) => utf8ToBytes(`batched tx ${i}`));
    const sentBefore = a.net.stats().directSent;
    const known = [a.net.peerId(), b.net.peerId()];
    a.net.sendTxs(b.net.peerId(), txs, known);
    await waitFor("b to get the three txs", () => txs.every((t) => received(b.inbox, 7, t)));
    const got = b.inbox.filter((m) => m.channel === 7 && m.from === a.net.peerId()).slice(-3);
    expect(got.map((m) => m.payload)).toEqual(txs);
    expect(got.map((m) => m.known)).toEqual([known, known, known]);
    expect(a.net.stats().directSent - sentBefore).toBe(1);
    expect(received(c.inbox, 7, txs[0]!)).toBe(false);
    const dropped = a.net.stats().dropped[DropReason.UnknownPeer];
    a.net.sendTxs("12D3KooWNotAPeer", txs);
    expect(a.net.stats().dropped[DropReason.UnknownPeer]).toBe(dropped + 1);
  });

  it("the consensus subscription sees consensus channels only", async () => {
    const seen: number[] = [];
    const off = c.net.subscribe((m) => seen.push(m.channel));
    const tx = utf8ToBytes("raw tx");
    const vote = utf8ToBytes("vote after tx");
    b.net.broadcast(7, tx);
    b.net.broadcast(Channel.Vote, vote);
    await waitFor("c to get both", () => received(c.inbox, 7, tx) && received(c.inbox, Channel.Vote, vote));
    off();
    expect(seen).toContain(Channel.Vote);
    expect(seen).not.toContain(7);
  });

  it("drops and counts what it cannot send, without throwing", () => {
    const before = a.net.stats().dropped;
    a.net.broadcast(Channel.Vote, new Uint8Array(MAX_MESSAGE_BYTES + 1));
    a.net.send(b.net.peerId(), Channel.Vote, new Uint8Array(MAX_MESSAGE_BYTES + 1));
    a.net.send(other.net.peerId(), Channel.Vote, utf8ToBytes("x"));
    a.net.send("not-a-peer", Channel.Vote, utf8ToBytes("x"));
    a.net.broadcast(9 as never, utf8ToBytes("ping channel"));
    const after = a.net.stats().dropped;
    expect(after[DropReason.OutboundOversized] - before[DropReason.OutboundOversized]).toBe(2);
    expect(after[DropReason.UnknownPeer] - before[DropReason.UnknownPeer]).toBe(2);
    expect(after[DropReason.UnknownChannel] - before[DropReason.UnknownChannel]).toBe(1);
  });

  it("a throwing subscriber does not stop delivery to the others", async () => {
    const off = c.net.subscribeAll(() => {
      throw new Error("subscriber bug");
    });
    const payload = utf8ToBytes("after a throwing subscriber");
    b.net.broadcast(Channel.Header, payload);
    await waitFor("c to get it", () => received(c.inbox, Channel.Header, payload));
    off();
    expect(c.net.stats().dropped[DropReason.SubscriberThrew]).toBeGreaterThan(0);
  });
});
