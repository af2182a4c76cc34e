/** The libp2p host this package runs: TCP, Noise, Yamux, identify and gossipsub, nothing else. */
import "./promiseWithResolvers.ts";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { type GossipSub, gossipsub } from "@libp2p/gossipsub";
import { identify } from "@libp2p/identify";
import type { ConnectionGater, Libp2p, PrivateKey } from "@libp2p/interface";
import { tcp } from "@libp2p/tcp";
import type { Multiaddr } from "@multiformats/multiaddr";
import { createLibp2p } from "libp2p";
import { MAX_BLOCK_MESSAGE_BYTES } from "./channels.ts";

/**
 * The gossipsub service. Its published interface leaves out the mesh query that the implementation
 * has (and that `meshPeers` reports).
 */
export interface Pubsub extends GossipSub {
  getMeshPeers(topic: string): string[];
}

/** The services of the host. */
export interface HostServices extends Record<string, unknown> {
  readonly identify: unknown;
  readonly pubsub: Pubsub;
}

/** A libp2p host with our services. */
export type Host = Libp2p<HostServices>;

/** What the host is built from. */
export interface HostOpts {
  readonly privateKey: PrivateKey | undefined;
  readonly listenAddr: string;
  readonly topics: readonly string[];
  readonly maxConnections: number;
  /** Which of the addresses libp2p reports are advertised (identify); all when absent. */
  readonly announceFilter?: (addrs: Multiaddr[]) => Multiaddr[];
  /** Which peers to refuse (penalised ones); none when absent. */
  readonly connectionGater?: ConnectionGater;
}

/** Headroom over the largest wire message for gossipsub's RPC framing. */
const RPC_OVERHEAD_BYTES = 64 * 1024;

/** Builds the host without starting it, so handlers and listeners can be attached first. */
export async function createHost(opts: HostOpts): Promise<Host> {
  return createLibp2p({
    start: false,
    ...(opts.privateKey === undefined ? {} : { privateKey: opts.privateKey }),
    addresses: {
      listen: [opts.listenAddr],
      ...(opts.announceFilter === undefined ? {} : { announceFilter: opts.announceFilter }),
    },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { maxConnections: opts.maxConnections },
    ...(opts.connectionGater === undefined ? {} : { connectionGater: opts.connectionGater }),
    services: {
      identify: identify(),
      pubsub: gossipsub({
        emitSelf: false,
        allowPublishToZeroTopicPeers: true,
        fallbackToFloodsub: false,
        allowedTopics: [...opts.topics],
        maxInboundDataLength: MAX_BLOCK_MESSAGE_BYTES + RPC_OVERHEAD_BYTES,
      }),
    },
  }) as Promise<Host>;
}
