import { Channel, type InboundMessage } from "@theta/consensus";
import { isThetaError, utf8ToBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createP2pNetwork, DropReason, P2pErrorCode, peerIdOfIdentity } from "../src/index.ts";
import { received, startNode, waitFor } from "./helpers.ts";

const tcpHandles = () =>
  process.getActiveResourcesInfo().filter((r) => r === "TCPServerWrap" || r === "TCPSocketWrap").length;

describe("start and stop", () => {
  it("stop() closes every listener and connection, and is idempotent", async () => {
    const baseline = tcpHandles();
    const a = await startNode("lifecycle");
    const b = await startNode("lifecycle", [a.net.listenAddrs()[0]!]);
    await waitFor("connection", () => a.net.peers().length === 1 && b.net.peers().length === 1);
    expect(tcpHandles()).toBeGreaterThan(baseline);
    await Promise.all([a.net.stop(), b.net.stop()]);
    await b.net.stop();
    await waitFor("sockets to close", () => tcpHandles() === baseline);
    expect(a.net.peers()).toEqual([]);
    expect(a.net.listenAddrs()).toEqual([]);
    expect(() => a.net.peerId()).toThrow(expect.objectContaining({ code: P2pErrorCode.NotStarted }));
  });

  it("calls while stopped are dropped and counted", () => {
    const net = createP2pNetwork({ chainId: "lifecycle", listen: { host: "127.0.0.1", port: 0 } });
    net.broadcast(Channel.Vote, utf8ToBytes("x"));
    net.send("12D3KooWLKtaPatcXXNeuheMCRvNHrSKMjr3v9B2zFma2W4kAbfm", Channel.Vote, utf8ToBytes("x"));
    expect(net.stats().dropped[DropReason.NotRunning]).toBe(2);
    try {
      net.peerId();
      expect.unreachable("peerId before start");
    } catch (e) {
      expect(isThetaError(e, P2pErrorCode.NotStarted)).toBe(true);
    }
  });

  it("uses the identity's peer id and can start again after a stop", async () => {
    const identity = { nodeKey: new Uint8Array(32).fill(7) };
    const net = createP2pNetwork({
      chainId: "lifecycle",
      listen: { host: "127.0.0.1", port: 0 },
      identity,
      checkPayloads: false,
    });
    const inbox: InboundMessage[] = [];
    net.subscribe((m) => inbox.push(m));
    await net.start();
    expect(net.peerId()).toBe(await peerIdOfIdentity(identity));
    await net.stop();
    await net.start();
    const peer = await startNode("lifecycle", [net.listenAddrs()[0]!]);
    await waitFor(
      "mesh",
      () => peer.net.meshPeers(Channel.Vote).length === 1 && net.meshPeers(Channel.Vote).length === 1,
    );
    const vote = utf8ToBytes("after restart");
    peer.net.broadcast(Channel.Vote, vote);
    await waitFor("delivery", () => received(inbox, Channel.Vote, vote));
    await Promise.all([net.stop(), peer.net.stop()]);
  });

  it("start() rejects when the port is taken, and leaves the network stopped", async () => {
    const a = await startNode("lifecycle");
    const port = Number(/\/tcp\/(\d+)/.exec(a.net.listenAddrs()[0]!)![1]);
    const clash = createP2pNetwork({ chainId: "lifecycle", listen: { host: "127.0.0.1", port } });
    await expect(clash.start()).rejects.toThrow();
    expect(clash.listenAddrs()).toEqual([]);
    clash.broadcast(Channel.Vote, utf8ToBytes("x"));
    expect(clash.stats().dropped[DropReason.NotRunning]).toBe(1);
    await a.net.stop();
  });

  it("a peer that restarts is re-dialled through its seed address, and sends reach it again", async () => {
    const identity = { nodeKey: new Uint8Array(32).fill(9) };
    const first = createP2pNetwork({
      chainId: "lifecycle",
      listen: { host: "127.0.0.1", port: 0 },
      identity,
      checkPayloads: false,
    });
    await first.start();
    const addr = first.listenAddrs()[0]!;
    const port = Number(/\/tcp\/(\d+)/.exec(addr)![1]);
    const a = await startNode("lifecycle", [addr]);
    await waitFor("connection", () => a.net.peers().length === 1);
    const bPeer = first.peerId();
    const before: InboundMessage[] = [];
    first.subscribe((m) => before.push(m));
    const early = utf8ToBytes("before the restart");
    a.net.send(bPeer, Channel.Proposal, early);
    await waitFor("the first delivery", () => received(before, Channel.Proposal, early));
    await first.stop();
    await waitFor("a to notice", () => a.net.peers().length === 0);
    const second = createP2pNetwork({
      chainId: "lifecycle",
      listen: { host: "127.0.0.1", port },
      identity,
      checkPayloads: false,
    });
    const inbox: InboundMessage[] = [];
    second.subscribe((m) => inbox.push(m));
    await second.start();
    await waitFor("a to re-dial the seed", () => a.net.peers().includes(bPeer));
    const proposal = utf8ToBytes("after the peer restarted");
    a.net.send(bPeer, Channel.Proposal, proposal);
    await waitFor("delivery", () => received(inbox, Channel.Proposal, proposal));
    await Promise.all([a.net.stop(), second.stop()]);
  });
});
