import { Channel } from "@theta/consensus";
import { afterAll, describe, expect, it } from "vitest";
import {
  createP2pNetwork,
  type P2pInboundMessage,
  type P2pNetwork,
  type P2pNetworkOpts,
} from "../src/index.ts";
import { createDenyList, penaltySettings } from "../src/penalties.ts";
import { received, waitFor } from "./helpers.ts";

const CHAIN = "penalties";
const started: P2pNetwork[] = [];

afterAll(async () => {
  await Promise.all(started.map((n) => n.stop()));
});

interface Node {
  readonly net: P2pNetwork;
  readonly inbox: P2pInboundMessage[];
  readonly warnings: { fields: Record<string, unknown>; message: string }[];
}

async function node(seeds: string[], extra: Partial<P2pNetworkOpts> = {}): Promise<Node> {
  const warnings: Node["warnings"] = [];
  const net = createP2pNetwork({
    chainId: CHAIN,
    listen: { host: "127.0.0.1", port: 0 },
    seeds,
    seedRedialMs: 300,
    streamTimeoutMs: 3_000,
    minPeers: 0,
    checkPayloads: false,
    logger: { debug() {}, info() {}, warn: (fields, message) => void warnings.push({ fields, message }) },
    ...extra,
  });
  const inbox: P2pInboundMessage[] = [];
  net.subscribeAll((m) => inbox.push(m));
  started.push(net);
  await net.start();
  return { net, inbox, warnings };
}

describe("penalise", () => {
  it("disconnects the peer, refuses it while the entry lasts, and the node goes on with the others", async () => {
    const a = await node([], { minPeers: 8, discoveryIntervalMs: 300 });
    const seed = a.net.listenAddrs()[0]!;
    const b = await node([seed], { minPeers: 8, discoveryIntervalMs: 300 });
    const c = await node([seed], { minPeers: 8, discoveryIntervalMs: 300 });
    const [ida, idb, idc] = [a.net.peerId(), b.net.peerId(), c.net.peerId()];
    await waitFor("a full mesh", () => [a, b, c].every((n) => n.net.peers().length === 2), 30_000);

    a.net.penalise(idb, "SYNC_MALFORMED: test");
    expect(a.net.peers()).toEqual([idc]);
    await waitFor("b to see a gone", () => !b.net.peers().includes(ida), 10_000);
    expect(a.net.stats().penalisedPeers).toBe(1);
    const logged = a.warnings.filter((w) => w.fields.peer === idb);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.fields.reason).toBe("SYNC_MALFORMED: test");

    // b re-dials a as its seed, and learns it from c: each attempt is refused.
    const before = a.net.discoveryStats()!;
    await waitFor("b's attempts to be refused", () => a.net.stats().deniedConnections >= 3, 30_000);
    await waitFor(
      "a to hear from c twice",
      () => a.net.discoveryStats()!.answers >= before.answers + 2,
      30_000,
    );
    expect(a.net.peers()).toEqual([idc]);
    expect(b.net.peers()).not.toContain(ida);
    expect(c.net.peers()).toEqual([ida, idb].sort());
    // c passes b on, but a's discovery neither keeps nor dials it
    expect(a.net.discoveryStats()!.dials).toBe(before.dials);

    const gossip = Uint8Array.from([1, 2, 3, 4]);
    a.net.broadcast(Channel.Vote, gossip);
    await waitFor("c to get a's vote", () => received(c.inbox, Channel.Vote, gossip));
    const direct = Uint8Array.from([9, 8, 7]);
    c.net.send(ida, Channel.Proposal, direct);
    await waitFor("a to get c's proposal", () => received(a.inbox, Channel.Proposal, direct));
    expect(a.net.peers()).toEqual([idc]);
  }, 120_000);

  it("lets the peer back once the entry expires", async () => {
    const a = await node([], { penaltyMs: 1_000 });
    const b = await node([a.net.listenAddrs()[0]!]);
    const [ida, idb] = [a.net.peerId(), b.net.peerId()];
    await waitFor("a and b to connect", () => a.net.peers().includes(idb), 30_000);
    a.net.penalise(idb, "SYNC_TIMEOUT: test");
    await waitFor("b to see a gone", () => !b.net.peers().includes(ida), 10_000);
    await waitFor("b to reconnect", () => a.net.peers().includes(idb) && b.net.peers().includes(ida), 30_000);
    expect(a.net.stats().penalisedPeers).toBe(1);
  }, 60_000);

  it("never throws: a bad peer id, or a call before start", async () => {
    const net = createP2pNetwork({ chainId: CHAIN, listen: { host: "127.0.0.1", port: 0 } });
    expect(() => net.penalise("not a peer id", "x")).not.toThrow();
    expect(net.stats().penalisedPeers).toBe(1);
  });
});

describe("deny list", () => {
  it("keeps at most its bound, dropping the oldest entry", () => {
    const list = createDenyList(3, () => 0);
    for (const id of ["p1", "p2", "p3", "p4"]) list.add(id, 100);
    expect(list.size()).toBe(3);
    expect(["p1", "p2", "p3", "p4"].map((id) => list.has(id))).toEqual([false, true, true, true]);
    list.add("p2", 100); // renewed: now the newest
    list.add("p5", 100);
    expect(["p2", "p3", "p4", "p5"].map((id) => list.has(id))).toEqual([true, false, true, true]);
  });

  it("forgets an entry once its time has passed", () => {
    let t = 1_000;
    const list = createDenyList(8, () => t);
    list.add("p", 50);
    t = 1_049;
    expect(list.has("p")).toBe(true);
    t = 1_050;
    expect(list.has("p")).toBe(false);
    expect(list.size()).toBe(0);
  });

  it("refuses bad settings with P2P_BAD_PENALTY", () => {
    expect(penaltySettings({})).toEqual({ durationMs: 600_000, maxEntries: 1_024 });
    for (const bad of [{ penaltyMs: -1 }, { penaltyMs: 1.5 }, { maxPenalisedPeers: 0 }])
      expect(() => penaltySettings(bad)).toThrow(expect.objectContaining({ code: "P2P_BAD_PENALTY" }));
    expect(() =>
      createP2pNetwork({ chainId: CHAIN, listen: { host: "127.0.0.1", port: 0 }, penaltyMs: -5 }),
    ).toThrow(expect.objectContaining({ code: "P2P_BAD_PENALTY" }));
  });
});
