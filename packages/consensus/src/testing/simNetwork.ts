/**
 * An in-memory network on a virtual clock: seeded delay, loss and reordering, partitions that heal,
 * and crashed nodes that neither send nor receive. Each node gets a {@link Network} port.
 */
import type { ChannelId, InboundMessage, Network, PeerId } from "../ports.ts";
import type { SeededRandom } from "../random.ts";
import type { VirtualClock } from "./virtualClock.ts";

/** Delivery conditions of the simulated network. */
export interface SimNetworkOptions {
  /** Smallest delivery delay in ms. */
  readonly minDelayMs: number;
  /** Largest delivery delay in ms (uniform in between, which also reorders messages). */
  readonly maxDelayMs: number;
  /** Probability that a message is dropped, in [0, 1). */
  readonly lossRate: number;
}

/** The harness's control surface over the simulated network. */
export interface SimNetwork {
  /** The {@link Network} port of node `id` (created on first use). */
  port(id: PeerId): Network;
  /** Cuts the network into the given groups until {@link SimNetwork.heal}; nodes in no group are isolated. */
  partition(groups: readonly (readonly PeerId[])[]): void;
  /** Removes any partition. */
  heal(): void;
  /** Marks a node crashed (drops everything to and from it) or restarted. */
  setCrashed(id: PeerId, crashed: boolean): void;
  /** Messages delivered and dropped so far. */
  stats(): { readonly delivered: number; readonly dropped: number };
}

/** Creates a simulated network driven by `clock` and `rng`. */
export function createSimNetwork(
  clock: VirtualClock,
  rng: SeededRandom,
  opts: SimNetworkOptions,
): SimNetwork {
  const handlers = new Map<PeerId, Set<(m: InboundMessage) => void>>();
  const crashed = new Set<PeerId>();
  let groupOf: Map<PeerId, number> | undefined;
  let delivered = 0;
  let dropped = 0;
  const connected = (a: PeerId, b: PeerId): boolean =>
    groupOf === undefined || (groupOf.has(a) && groupOf.get(a) === groupOf.get(b));
  const deliver = (from: PeerId, to: PeerId, channel: ChannelId, payload: Uint8Array): void => {
    if (crashed.has(from) || rng.nextFloat() < opts.lossRate) {
      dropped++;
      return;
    }
    const delay = opts.minDelayMs + rng.nextInt(Math.max(1, opts.maxDelayMs - opts.minDelayMs + 1));
    clock.setTimer(delay, () => {
      if (crashed.has(to) || !connected(from, to)) {
        dropped++;
        return;
      }
      delivered++;
      for (const h of handlers.get(to) ?? []) h({ from, channel, payload });
    });
  };
  const port = (id: PeerId): Network => {
    if (!handlers.has(id)) handlers.set(id, new Set());
    const others = (): PeerId[] => [...handlers.keys()].filter((p) => p !== id);
    return {
      broadcast: (channel, payload) => {
        for (const p of others()) deliver(id, p, channel, payload);
      },
      send: (to, channel, payload) => {
        if (handlers.has(to)) deliver(id, to, channel, payload);
      },
      subscribe: (onMessage) => {
        const set = handlers.get(id) as Set<(m: InboundMessage) => void>;
        set.add(onMessage);
        return () => set.delete(onMessage);
      },
      peers: () => others().filter((p) => !crashed.has(p) && connected(id, p)),
    };
  };
  return {
    port,
    partition(groups) {
      groupOf = new Map();
      groups.forEach((g, i) => {
        for (const p of g) groupOf?.set(p, i);
      });
    },
    heal() {
      groupOf = undefined;
    },
    setCrashed(id, c) {
      if (c) crashed.add(id);
      else crashed.delete(id);
    },
    stats: () => ({ delivered, dropped }),
  };
}
