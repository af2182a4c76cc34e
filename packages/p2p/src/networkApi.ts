/** The options and the interface of the libp2p network (`createP2pNetwork` builds it). */
import type { Network, PeerId } from "@theta/consensus";
import type { HeaderForkHeights } from "@theta/core-types";
import type { P2pChannelId } from "./channels.ts";
import type { DiscoveryStats } from "./discovery/discovery.ts";
import type { P2pIdentity } from "./identity.ts";
import type { P2pLogger } from "./logger.ts";
import type { P2pStats } from "./stats.ts";

/** Options of `createP2pNetwork`. */
export interface P2pNetworkOpts {
  /** Where to listen: an IPv4 or IPv6 host (`0.0.0.0`, `127.0.0.1`, `::`) and a TCP port (0 = any free port). */
  readonly listen: { readonly host: string; readonly port: number };
  /** Peers to dial at start and re-dial while disconnected: multiaddrs or `host:port`. */
  readonly seeds?: readonly string[];
  /** The chain id; embedded in every topic and protocol name. */
  readonly chainId: string;
  /** Where the host key comes from; a fresh random key when absent. */
  readonly identity?: P2pIdentity;
  /** Defaults to a logger that discards everything. */
  readonly logger?: P2pLogger;
  /** Milliseconds between attempts to re-dial seeds that are not connected (default 10,000). */
  readonly seedRedialMs?: number;
  /** Milliseconds that opening a direct stream, or writing one message to it, may take (default 10,000). */
  readonly streamTimeoutMs?: number;
  /** Messages queued for one peer before `send` drops (default 256). */
  readonly maxQueuedSendsPerPeer?: number;
  /**
   * Bytes queued for one peer before `send` drops (default 64 MiB): a peer that does not read what it
   * asked for (block requests answered with blocks of up to 12 MiB) holds at most this much here.
   * A message is always queued when nothing is queued for its peer.
   */
  readonly maxQueuedBytesPerPeer?: number;
  /**
   * The address advertised to peers instead of the listen addresses: a host (`203.0.113.7`,
   * `[2001:db8::1]`, `node.example.org`; the listen port is kept) or a TCP multiaddr. Absent: the
   * concrete listen addresses (see `src/discovery/addresses.ts` for the rule).
   */
  readonly announce?: string;
  /** Connected peers below which the node asks its peers for theirs and dials them (default 8; 0: never dials for more). */
  readonly minPeers?: number;
  /** Milliseconds between discovery rounds while peers are lacking (default 30,000). */
  readonly discoveryIntervalMs?: number;
  /** Milliseconds a peer that answered a peer exchange with garbage is neither asked nor dialled (default 600,000). */
  readonly discoveryPenaltyMs?: number;
  /**
   * Milliseconds a peer passed to `penalise` stays denied: its inbound connections are refused and it
   * is not dialled (default 600,000; 0: it is only disconnected).
   */
  readonly penaltyMs?: number;
  /** Penalised peers remembered at once; the oldest entry goes first (default 1,024). */
  readonly maxPenalisedPeers?: number;
  /** Connection limit (default 64, the reference's `p2p.maxNumPeers`). */
  readonly maxConnections?: number;
  /**
   * Whether inbound payloads must be well-formed messages of their channel (`checkPayload`) to be
   * delivered and gossiped on (default true). Off: any payload within its channel's size limit is
   * (for tests of the transport that carry placeholder payloads).
   */
  readonly checkPayloads?: boolean;
  /**
   * The chain's header fork heights: the payload check then decodes a block once, under its height's
   * layout, and keeps the result for the engine and the syncer; without them it tries each layout.
   */
  readonly headerForks?: HeaderForkHeights;
  /** Most txs accepted in one inbound tx batch (default 4,096); a larger batch is dropped whole. */
  readonly maxTxBatchTxs?: number;
}

/** A message from the network on any channel this package carries (consensus channels and transactions). */
export interface P2pInboundMessage {
  readonly from: PeerId;
  readonly channel: P2pChannelId;
  readonly payload: Uint8Array;
  /** On a tx that came in a batch: the peers its sender says hold it or are getting it. */
  readonly known?: readonly PeerId[];
}

/** The consensus `Network` port plus the lifecycle and peer queries the node needs. */
export interface P2pNetwork extends Network {
  /** Gossips `payload` on `channel` (consensus channels and the transaction channel 7). */
  broadcast(channel: P2pChannelId, payload: Uint8Array): void;
  /** Sends `payload` to one connected peer of this chain; dropped and counted otherwise. */
  send(to: PeerId, channel: P2pChannelId, payload: Uint8Array): void;
  /**
   * Sends raw txs to one connected peer as one tx batch on its direct stream
   * (`RLP([7, [tx, …], [peer, …]])`, at most 1 MiB), with the peers known to hold them or to be
   * getting them (at most 256 are sent); the peer delivers each tx as a transaction-channel message
   * carrying that list (`known`). Dropped and counted like `send` otherwise.
   */
  sendTxs(to: PeerId, txs: readonly Uint8Array[], known?: readonly PeerId[]): void;
  /** Like `subscribe`, for every channel including transactions. */
  subscribeAll(onMessage: (message: P2pInboundMessage) => void): () => void;
  /** Starts listening, subscribes to the chain's topics and dials the seeds. */
  start(): Promise<void>;
  /** Closes every connection and the listener; idempotent. */
  stop(): Promise<void>;
  /** This node's peer id (`12D3KooW…`); throws `P2P_NOT_STARTED` before `start()`. */
  peerId(): PeerId;
  /**
   * The addresses this node advertises, each ending in `/p2p/<peer id>` (empty when stopped): its
   * concrete listen addresses, or the announce address when one is set.
   */
  listenAddrs(): string[];
  /** Connected peers of this chain, sorted (the same as `peers()`). */
  peerIds(): PeerId[];
  /** One dialable multiaddr per connected peer of this chain, for `GetPeerURLs`. */
  peerUrls(): string[];
  /** Peers currently subscribed to `channel`'s topic. */
  topicPeers(channel: P2pChannelId): PeerId[];
  /** Peers in this node's gossip mesh for `channel` (the peers it forwards that channel's messages to). */
  meshPeers(channel: P2pChannelId): PeerId[];
  /** Counters of sent, delivered and dropped messages. */
  stats(): P2pStats;
  /**
   * The consensus port's hook: `peer` sent bad data (malformed, oversized, wrong chain, invalid
   * blocks) or kept timing out. Closes its connections and denies it for `penaltyMs` (seeds too);
   * counted in `stats().penalisedPeers`, logged with `reason`. Never throws.
   */
  penalise(peer: PeerId, reason: string): void;
  /** Counters of peer discovery (undefined before the first `start()`). */
  discoveryStats(): DiscoveryStats | undefined;
}
