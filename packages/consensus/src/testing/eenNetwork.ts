/**
 * The network of an EEN simulation: aggregator nodes (validators and guardians) are peers of each other;
 * each edge node is a peer of a few aggregators only. Messages are delayed, reordered and lost with a
 * seeded random source on a virtual clock; bytes are counted per sender and channel.
 */
import type { ChannelId, InboundMessage, Network, PeerId } from "../ports.ts";
import type { SeededRandom } from "../random.ts";
import type { VirtualClock } from "./virtualClock.ts";

/** The network and its counters. */
export interface EenSimNetwork {
  /** The port of `id`, whose peers are `peers`. */
  port(id: PeerId, peers: readonly PeerId[]): Network;
  /** Bytes sent by `id` (each recipient counted). */
  bytesSent(id: PeerId): number;
  stats(): { readonly delivered: number; readonly dropped: number };
}

/** Creates the network: delay uniform in [minDelayMs, maxDelayMs], loss with probability `lossRate`. */
export function createEenSimNetwork(
  clock: VirtualClock,
  rng: SeededRandom,
  opts: { readonly minDelayMs: number; readonly maxDelayMs: number; readonly lossRate: number },
): EenSimNetwork {
  const handlers = new Map<PeerId, (m: InboundMessage) => void>();
  const sent = new Map<PeerId, number>();
  let delivered = 0;
  let dropped = 0;
  const deliver = (from: PeerId, to: PeerId, channel: ChannelId, payload: Uint8Array): void => {
    sent.set(from, (sent.get(from) ?? 0) + payload.length);
    if (rng.nextFloat() < opts.lossRate) {
      dropped++;
      return;
    }
    const delay = opts.minDelayMs + rng.nextInt(opts.maxDelayMs - opts.minDelayMs + 1);
    clock.setTimer(delay, () => {
      const h = handlers.get(to);
      if (h === undefined) return void dropped++;
      delivered++;
      h({ from, channel, payload });
    });
  };
  return {
    port(id, peers) {
      return {
        broadcast: (channel, payload) => {
          for (const p of peers) deliver(id, p, channel, payload);
        },
        send: (to, channel, payload) => deliver(id, to, channel, payload),
        subscribe(onMessage) {
          handlers.set(id, onMessage);
          return () => handlers.delete(id);
        },
        peers: () => peers,
      };
    },
    bytesSent: (id) => sent.get(id) ?? 0,
    stats: () => ({ delivered, dropped }),
  };
}
