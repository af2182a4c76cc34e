/**
 * The libp2p + gossipsub implementation of the consensus `Network` port: one gossip topic per channel
 * and point-to-point streams, all named with the chain id, with size limits and drop counters.
 *
 * @example
 * ```ts
 * const net = createP2pNetwork({ chainId: "privatenet", listen: { host: "127.0.0.1", port: 12000 }, seeds: [] });
 * await net.start();
 * net.subscribe((m) => console.log(m.from, m.channel, m.payload.length));
 * net.broadcast(Channel.Vote, voteBytes);
 * await net.stop();
 * ```
 *
 * @packageDocumentation
 */
import "./promiseWithResolvers.ts";

export * from "./channels.ts";
export * from "./discovery/addresses.ts";
export type { DiscoveryStats } from "./discovery/discovery.ts";
export * from "./discovery/peerList.ts";
export * from "./errors.ts";
export * from "./identity.ts";
export * from "./logger.ts";
export * from "./network.ts";
export * from "./networkApi.ts";
export * from "./payload.ts";
export * from "./seeds.ts";
export * from "./stats.ts";
export * from "./topics.ts";
export * from "./txBatch.ts";
export * from "./wire.ts";
