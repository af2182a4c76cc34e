/**
 * The sync peer set: the best height each peer named, its requests in flight, its strikes. A peer that
 * sent a malformed, oversized or wrong-chain message, or a block the engine found invalid, is penalised at
 * once; one that times out or answers with headers linking to nothing known gets a strike, and is
 * penalised after {@link SYNC_MAX_STRIKES}. A penalised peer is out of the sync peer set for
 * {@link SYNC_PENALTY_MS} (its claimed height no longer counts) and the network's `penalise` hook is told.
 * Slowness is not misbehaviour: a peer whose last strike is a timeout only rests out of the set for
 * {@link SYNC_TIMEOUT_REST_MS}, still connected, and the last usable peer never rests (a loaded node that
 * answers late is still the only way forward).
 */
import type { Network, PeerId } from "../ports.ts";
import { SyncErrorCode } from "./errors.ts";
import { SYNC_MAX_STRIKES, SYNC_PENALTY_MS, SYNC_TIMEOUT_REST_MS } from "./limits.ts";

interface PeerRecord {
  best: bigint;
  inFlight: number;
  strikes: number;
}

/** A penalty as the syncer records it (for logs and tests). */
export interface Penalty {
  readonly peer: PeerId;
  readonly code: SyncErrorCode;
  readonly reason: string;
}

/** The sync peer set. */
export interface SyncPeers {
  /** Peers connected and not penalised. */
  usable(): PeerId[];
  isPenalised(peer: PeerId): boolean;
  /** The best height a usable peer named. */
  bestHeight(): bigint;
  /** Records a height `peer` named. */
  saw(peer: PeerId, height: bigint): void;
  /** Hashes `peer` was asked for and has not answered. */
  inFlight(peer: PeerId): number;
  addInFlight(peer: PeerId, n: number): void;
  /** A good answer: strikes reset. */
  answered(peer: PeerId): void;
  /** A strike; penalises at the limit. */
  strike(peer: PeerId, code: SyncErrorCode, reason: string): void;
  penalise(peer: PeerId, code: SyncErrorCode, reason: string): void;
  /** Penalties given so far, oldest first (the last 64). */
  penalties(): readonly Penalty[];
}

/** Creates the set over `network`'s peers; `now` is the clock. */
export function createSyncPeers(network: Network, now: () => number): SyncPeers {
  const records = new Map<PeerId, PeerRecord>();
  const penalisedUntil = new Map<PeerId, number>();
  const given: Penalty[] = [];
  const rec = (peer: PeerId): PeerRecord => {
    let r = records.get(peer);
    if (r === undefined) {
      r = { best: 0n, inFlight: 0, strikes: 0 };
      records.set(peer, r);
    }
    return r;
  };
  const record = (p: Penalty): void => {
    given.push(p);
    if (given.length > 64) given.shift();
  };
  const isPenalised = (peer: PeerId): boolean => (penalisedUntil.get(peer) ?? 0) > now();
  const peers: SyncPeers = {
    usable: () => network.peers().filter((p) => !isPenalised(p)),
    isPenalised,
    bestHeight() {
      let best = 0n;
      const connected = new Set(network.peers());
      for (const [p, r] of records) if (connected.has(p) && !isPenalised(p) && r.best > best) best = r.best;
      return best;
    },
    saw(peer, height) {
      const r = rec(peer);
      if (height > r.best) r.best = height;
    },
    inFlight: (peer) => records.get(peer)?.inFlight ?? 0,
    addInFlight(peer, n) {
      const r = rec(peer);
      r.inFlight = Math.max(0, r.inFlight + n);
    },
    answered(peer) {
      rec(peer).strikes = 0;
    },
    strike(peer, code, reason) {
      const r = rec(peer);
      r.strikes++;
      if (r.strikes < SYNC_MAX_STRIKES) return;
      const why = `${reason} (${r.strikes} strikes)`;
      if (code !== SyncErrorCode.Timeout) {
        peers.penalise(peer, code, why);
        return;
      }
      if (peers.usable().every((p) => p === peer)) {
        r.strikes = 0; // the only peer left: keep asking it
        return;
      }
      penalisedUntil.set(peer, now() + SYNC_TIMEOUT_REST_MS);
      records.delete(peer);
      record({ peer, code, reason: `${why}; resting` });
    },
    penalise(peer, code, reason) {
      penalisedUntil.set(peer, now() + SYNC_PENALTY_MS);
      records.delete(peer);
      record({ peer, code, reason });
      network.penalise?.(peer, `${code}: ${reason}`);
    },
    penalties: () => given,
  };
  return peers;
}
