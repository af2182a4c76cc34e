import { Channel, type ChannelId } from "@theta/consensus";
import {
  type ComplianceNode,
  type NetworkComplianceHarness,
  runNetworkCompliance,
} from "@theta/consensus/testing";
import { describe, it } from "vitest";
import { maxPayloadBytes, type P2pNetwork } from "../src/index.ts";
import { startNode, waitFor } from "./helpers.ts";

/**
 * Nodes on 127.0.0.1, each seeded with every earlier one (a full mesh), ready once every node has
 * every other as a verified peer and in its gossip mesh of every consensus channel.
 */
function libp2pHarness(): NetworkComplianceHarness {
  const nets: P2pNetwork[] = [];
  return {
    async start(count) {
      for (let i = 0; i < count; i++) {
        const seeds = nets.map((n) => n.listenAddrs()[0]!);
        nets.push((await startNode(`compliance-${count}`, seeds)).net);
      }
      const others = count - 1;
      await waitFor("every node to see the others", () => nets.every((n) => n.peers().length === others));
      for (const ch of Object.values(Channel))
        await waitFor(`the channel ${ch} meshes`, () => nets.every((n) => n.meshPeers(ch).length === others));
      return nets.map((network): ComplianceNode => ({ id: network.peerId(), network }));
    },
    settle: (done) => waitFor("the network to deliver", done),
    async close() {
      await Promise.all(nets.map((n) => n.stop()));
    },
    async stop(node) {
      await nets.find((n) => n === node.network)?.stop();
    },
    maxPayloadBytes: (channel: ChannelId) => maxPayloadBytes(channel),
  };
}

runNetworkCompliance("libp2p", libp2pHarness, { describe, it }, 60_000);
