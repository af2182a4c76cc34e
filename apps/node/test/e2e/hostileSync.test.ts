/**
 * A hostile sync peer end to end (issue 15): a follower with an empty database syncs from a validator
 * ahead of it while three more peers, in this test's process on the follower's chain, answer each of
 * its inventory requests with a bad message: one malformed (a header list that does not decode), one
 * oversized (an inventory of more hashes than the protocol allows), one of another chain (a header
 * with another chain id). The follower penalises each of them (a warning naming the peer and the sync
 * error code, the connection closed and not allowed back) and reaches the validator's tip anyway.
 */
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  Channel,
  type ChannelId,
  decodeSyncInbound,
  headersMessage,
  INVENTORY_MAX_ENTRIES,
} from "@theta/consensus";
import { type BlockHeader, bytesToPrefixedHex, encodeSyncMessage, privatenet } from "@theta/core-types";
import { createP2pNetwork, type P2pNetwork } from "@theta/p2p";
import { afterAll, describe, expect, it } from "vitest";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, freePort, startTestNode, stopTestNodes, type TestNode, until } from "./node.ts";

/** Blocks the validator is ahead when the follower starts (more than the syncer's short gap). */
const AHEAD = 40;
const FOLLOWER_KEY = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;
const forks = privatenet.headerForks;

type Behaviour = "malformed" | "oversized" | "wrongChain";
const EXPECTED_CODE: Record<Behaviour, string> = {
  malformed: "SYNC_MALFORMED",
  oversized: "SYNC_OVERSIZED",
  wrongChain: "SYNC_WRONG_CHAIN",
};

interface Hostile {
  readonly behaviour: Behaviour;
  readonly net: P2pNetwork;
  readonly port: number;
  /** Inventory requests it received (and answered badly). */
  asked: number;
}

const nodes: TestNode[] = [];
const dirs: string[] = [];
const hostiles: Hostile[] = [];
afterAll(async () => {
  await Promise.all(hostiles.map((h) => h.net.stop()));
  await stopTestNodes(nodes, dirs);
});

const zeros = (n: number): Uint8Array => new Uint8Array(n);
/** A header of another chain, well formed for the privatenet's layout at its height. */
const foreignHeader: BlockHeader = {
  chainId: "not-the-privatenet",
  epoch: 1n,
  height: 1n,
  parent: zeros(32),
  hcc: { votes: [], blockHash: zeros(32) },
  guardianVotes: undefined,
  eliteEdgeNodeVotes: undefined,
  txHash: zeros(32),
  receiptHash: zeros(32),
  bloom: zeros(256),
  stateHash: zeros(32),
  timestamp: 1n,
  proposer: zeros(20),
  signature: undefined,
};

/** The bad answer of `behaviour` to an inventory request, with its channel. */
function badAnswer(behaviour: Behaviour): { channel: number; payload: Uint8Array } {
  switch (behaviour) {
    case "malformed":
      return {
        channel: Channel.Header,
        payload: encodeSyncMessage({
          type: "dataResponse",
          channelId: Channel.Header,
          payload: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
        }),
      };
    case "oversized": {
      const entries = Array.from({ length: INVENTORY_MAX_ENTRIES + 50 }, (_, i) =>
        bytesToPrefixedHex(new Uint8Array(32).fill(i + 1)),
      );
      return {
        channel: Channel.Block,
        payload: encodeSyncMessage({ type: "inventoryResponse", channelId: Channel.Block, entries }),
      };
    }
    case "wrongChain":
      return { channel: Channel.Header, payload: headersMessage([foreignHeader], forks) };
  }
}

async function startHostile(behaviour: Behaviour): Promise<Hostile> {
  const net = createP2pNetwork({
    chainId: privatenet.chainId,
    listen: { host: "127.0.0.1", port: await freePort() },
    seeds: [],
    minPeers: 0,
  });
  await net.start();
  const port = Number(/\/tcp\/(\d+)/.exec(net.listenAddrs()[0] ?? "")?.[1]);
  const h: Hostile = { behaviour, net, port, asked: 0 };
  net.subscribeAll((m) => {
    if (m.channel !== Channel.Block) return;
    let kind: string;
    try {
      kind = decodeSyncInbound(m.channel, m.payload, forks).kind;
    } catch {
      return;
    }
    if (kind !== "inventoryRequest") return;
    h.asked++;
    const a = badAnswer(behaviour);
    net.send(m.from, a.channel as ChannelId, a.payload);
  });
  return h;
}

describe("a follower syncing with hostile peers among its seeds", () => {
  it("penalises the malformed, oversized and wrong-chain peers and reaches the tip from the honest one", async () => {
    const validatorDir = await copyNodeDir(FIXTURE_NODE, "theta-hostval-");
    const followerDir = await copyNodeDir(FIXTURE_NODE, "theta-hostfol-");
    dirs.push(validatorDir, followerDir);
    const port = await freePort();
    const validator = await startTestNode(validatorDir, {
      THETA_P2P_PORT: String(port),
      THETA_CONSENSUS_BLOCKINTERVALMS: "20",
      THETA_CONSENSUS_STALLWARNINGBLOCKS: "0",
    });
    nodes.push(validator);
    for (const b of ["malformed", "oversized", "wrongChain"] as const) hostiles.push(await startHostile(b));
    const finalized = async (n: TestNode): Promise<number> =>
      Number(
        (await n.call<{ latest_finalized_block_height: string }>("theta.GetStatus"))
          .latest_finalized_block_height,
      );
    await until(async () => ((await finalized(validator)) >= AHEAD ? true : undefined), 200);

    // The follower holds no stake; its seeds are the hostile peers first, then the validator.
    await rm(join(followerDir, "key", "encrypted"), { recursive: true });
    await cp(
      join(FIXTURE_NODE, "..", "thetacli", "keys", "encrypted", FOLLOWER_KEY),
      join(followerDir, "key", "encrypted", FOLLOWER_KEY),
    );
    const seeds = [...hostiles.map((h) => `127.0.0.1:${h.port}`), `127.0.0.1:${port}`].join(",");
    const follower = await startTestNode(followerDir, {
      THETA_P2P_PORT: String(await freePort()),
      THETA_P2P_SEEDS: seeds,
      THETA_CONSENSUS_STALLWARNINGBLOCKS: "0",
    });
    nodes.push(follower);
    const penalised = (): Map<string, string> =>
      new Map(follower.logs("p2p: peer penalised").map((e) => [String(e.peer), String(e.reason)]));

    const target = await finalized(validator);
    await until(async () => ((await finalized(follower)) >= target ? true : undefined), 200);
    // Every penalty is logged by the time the follower is at the tip; a few polls more allow for the last.
    for (let polls = 0; polls < 50 && penalised().size < hostiles.length; polls++) {
      await new Promise((r) => setTimeout(r, 200));
    }

    const followerId = String((await follower.waitLog("p2p started")).peerId);
    expect(followerId).toMatch(/^12D3Koo/);
    for (const h of hostiles) {
      const id = h.net.peerId();
      expect(h.asked, `${h.behaviour} peer was asked for inventory`).toBeGreaterThan(0);
      expect(penalised().get(id) ?? "", `${h.behaviour} peer penalised`).toContain(
        EXPECTED_CODE[h.behaviour],
      );
      // Disconnected from the follower, and not let back in (the validator may have learned of it from
      // the follower's peer exchange: that connection is the validator's business).
      expect(h.net.peers()).not.toContain(followerId);
    }
    const followerPeers = (await follower.call<{ peers: string[] }>("theta.GetPeers")).peers;
    for (const h of hostiles) expect(followerPeers).not.toContain(h.net.peerId());
    expect(penalised().size).toBe(hostiles.length);
  }, 300_000);
});
