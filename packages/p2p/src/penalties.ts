/**
 * Penalties (the consensus `Network` port's `penalise` hook): a peer the node's engines found sending
 * bad data is disconnected and put on a bounded deny list for a while. While its entry lasts, the host's
 * connection gater refuses its inbound connections and our dials to it, and neither discovery nor the
 * seed dialer tries it. Entries expire; when the list is full the oldest entry goes.
 */
import type { ConnectionGater, PeerId as Libp2pPeerId } from "@libp2p/interface";
import { peerIdFromString } from "@libp2p/peer-id";
import { ThetaError } from "@theta/core-types";
import { P2pErrorCode } from "./errors.ts";
import type { Host } from "./libp2pNode.ts";
import type { P2pLogger } from "./logger.ts";
import type { StatsCounter } from "./stats.ts";

/** Default time a penalised peer stays denied: 10 minutes. */
export const DEFAULT_PENALTY_MS = 600_000;
/** Default bound of the deny list. */
export const DEFAULT_MAX_PENALISED_PEERS = 1_024;

/** Peer ids denied until a time; bounded, oldest entry dropped first. */
export interface DenyList {
  /** Denies `id` for `durationMs` from now (a repeated entry is renewed and becomes the newest). */
  add(id: string, durationMs: number): void;
  /** True while `id`'s entry lasts; an expired entry is forgotten. */
  has(id: string): boolean;
  /** Entries held (expired ones included until they are looked up or pushed out). */
  size(): number;
}

/** An empty deny list of at most `maxEntries`; `now` gives milliseconds. */
export function createDenyList(maxEntries: number, now: () => number = Date.now): DenyList {
  const until = new Map<string, number>();
  return {
    add(id, durationMs) {
      until.delete(id);
      until.set(id, now() + durationMs);
      for (const oldest of until.keys()) {
        if (until.size <= maxEntries) break;
        until.delete(oldest);
      }
    },
    has(id) {
      const t = until.get(id);
      if (t === undefined) return false;
      if (t > now()) return true;
      until.delete(id);
      return false;
    },
    size: () => until.size,
  };
}

/** The penalty settings of the network's options; throws `P2P_BAD_PENALTY` on a bad value. */
export function penaltySettings(opts: { readonly penaltyMs?: number; readonly maxPenalisedPeers?: number }): {
  readonly durationMs: number;
  readonly maxEntries: number;
} {
  const durationMs = opts.penaltyMs ?? DEFAULT_PENALTY_MS;
  const maxEntries = opts.maxPenalisedPeers ?? DEFAULT_MAX_PENALISED_PEERS;
  if (!Number.isSafeInteger(durationMs) || durationMs < 0)
    throw new ThetaError(P2pErrorCode.BadPenalty, `penaltyMs: ${durationMs} is not an integer ≥ 0`, {
      details: { field: "penaltyMs", penaltyMs: durationMs },
    });
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1)
    throw new ThetaError(P2pErrorCode.BadPenalty, `maxPenalisedPeers: ${maxEntries} is not an integer ≥ 1`, {
      details: { field: "maxPenalisedPeers", maxPenalisedPeers: maxEntries },
    });
  return { durationMs, maxEntries };
}

/** The node's penalties. */
export interface Penalties {
  /** Disconnects `id` from `host` (when running) and denies it; logs one line; never throws. */
  penalise(host: Host | undefined, id: string, reason: string): void;
  /** True while `id` is denied. */
  denied(id: string): boolean;
  /** The gater for the host: refuses denied peers, inbound and outbound (each refusal counted). */
  readonly gater: ConnectionGater;
}

/** Penalties counted in `counter` and logged to `log`. */
export function createPenalties(
  settings: { readonly durationMs: number; readonly maxEntries: number },
  counter: StatsCounter,
  log: P2pLogger,
): Penalties {
  const list = createDenyList(settings.maxEntries);
  const refuse = (peer: Libp2pPeerId, what: string): boolean => {
    const id = peer.toString();
    if (!list.has(id)) return false;
    counter.deniedConnections++;
    log.debug({ peer: id, what }, "p2p: penalised peer refused");
    return true;
  };
  return {
    penalise(host, id, reason) {
      counter.penalisedPeers++;
      list.add(id, settings.durationMs);
      log.warn({ peer: id, reason, forMs: settings.durationMs }, "p2p: peer penalised; disconnecting");
      let peer: Libp2pPeerId;
      try {
        peer = peerIdFromString(id);
      } catch {
        return;
      }
      host?.hangUp(peer).catch(() => {});
    },
    denied: (id) => list.has(id),
    gater: {
      denyDialPeer: (peer) => refuse(peer, "dial"),
      denyInboundEncryptedConnection: (peer) => refuse(peer, "inbound connection"),
      denyOutboundEncryptedConnection: (peer) => refuse(peer, "outbound connection"),
      denyInboundUpgradedConnection: (peer) => list.has(peer.toString()),
      denyOutboundUpgradedConnection: (peer) => list.has(peer.toString()),
    },
  };
}
