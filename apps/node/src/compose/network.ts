/**
 * The node's network: libp2p (@theta/p2p) when configured, otherwise no peers. p2p runs when
 * `p2p.seeds` lists peers or `p2p.port` is non-zero; it listens on `p2p.listenAddress` (all
 * interfaces by default) at `p2p.port`, advertises `p2p.announceAddress` when set, dials the seeds,
 * looks for more peers while it has fewer than `p2p.minPeers`, and derives its identity from the node
 * key (docs/decisions.md §9).
 * Transactions go to peers in batches over the direct streams (`txGossip.ts`, docs/consensus.md §5.7):
 * accepted ones and ones first heard from a peer are batched and flooded to the connected peers,
 * received ones go to the mempool. Single txs gossiped on the transaction topic are still received.
 */
import type { Network } from "@theta/consensus";
import { ChannelId, type HeaderForkHeights } from "@theta/core-types";
import { createP2pNetwork, type P2pNetwork } from "@theta/p2p";
import type { Logger } from "pino";
import type { NodeConfig } from "../config/keys.ts";
import { listenOn } from "../portInUse.ts";
import { createRealClock } from "./realClock.ts";
import { createSoloNetwork } from "./soloNetwork.ts";
import { createTxGossip, type TxGossipOpts } from "./txGossip.ts";

/** The network plus what the node needs beyond the consensus port. */
export interface NodeNetwork {
  readonly network: Network;
  /** The libp2p network, when p2p runs. */
  readonly p2p: P2pNetwork | undefined;
  /** Gossips an accepted raw tx. */
  gossipTx(raw: Uint8Array): void;
  /** Hands every raw tx received from peers to `cb`. */
  onTx(cb: (raw: Uint8Array) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether the config asks for p2p. */
export function p2pConfigured(config: NodeConfig): boolean {
  return config["p2p.seeds"].trim() !== "" || config["p2p.port"] !== 0;
}

/** Builds the network from the config. */
export function createNodeNetwork(
  config: NodeConfig,
  deps: {
    readonly chainId: string;
    /** The chain's header fork heights: the payload check decodes each block once (`@theta/p2p`). */
    readonly headerForks?: HeaderForkHeights;
    readonly nodeKey: Uint8Array;
    readonly log: Logger;
    /** Tx batching (defaults: 256 txs or 5 ms). */
    readonly txGossip?: TxGossipOpts;
  },
): NodeNetwork {
  if (!p2pConfigured(config)) {
    return {
      network: createSoloNetwork(),
      p2p: undefined,
      gossipTx: () => undefined,
      onTx: () => undefined,
      start: async () => undefined,
      stop: async () => undefined,
    };
  }
  const seeds = config["p2p.seeds"]
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const p2p = createP2pNetwork({
    listen: { host: config["p2p.listenAddress"], port: config["p2p.port"] },
    seeds,
    ...(config["p2p.announceAddress"] === "" ? {} : { announce: config["p2p.announceAddress"] }),
    minPeers: config["p2p.minPeers"],
    chainId: deps.chainId,
    ...(deps.headerForks === undefined ? {} : { headerForks: deps.headerForks }),
    identity: { nodeKey: deps.nodeKey },
    logger: {
      debug: (f, m) => deps.log.debug(f, m),
      info: (f, m) => deps.log.info(f, m),
      warn: (f, m) => deps.log.warn(f, m),
    },
    maxConnections: config["p2p.maxNumPeers"],
  });
  const txs = createTxGossip(p2p, createRealClock(), deps.txGossip);
  return {
    network: p2p,
    p2p,
    gossipTx: (raw) => txs.local(raw),
    onTx(cb) {
      p2p.subscribeAll((m) => {
        if (m.channel === ChannelId.Transaction && txs.received(m.payload, m.from, m.known)) cb(m.payload);
      });
    },
    async start() {
      await listenOn("p2p.port", { address: "0.0.0.0", port: config["p2p.port"] }, () => p2p.start());
      deps.log.info({ peerId: p2p.peerId(), listen: p2p.listenAddrs(), seeds }, "p2p started");
    },
    stop() {
      txs.stop();
      return p2p.stop();
    },
  };
}
