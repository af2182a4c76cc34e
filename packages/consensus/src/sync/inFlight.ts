/**
 * Blocks the syncer asked for (in flight) and blocks that arrived and wait for the engine's verdict
 * (received), each with its height, its peer and a deadline. Both are only ever filled for heights in the
 * window above the tip, so together they never hold more than the window.
 */
import { bytesToHex } from "@theta/core-types";
import type { PeerId } from "../ports.ts";

/** One tracked block. */
export interface Tracked {
  readonly hash: Uint8Array;
  readonly height: bigint;
  readonly peer: PeerId;
  readonly deadline: number;
}

/** The two sets. */
export interface InFlight {
  readonly asked: Map<string, Tracked>;
  readonly received: Map<string, Tracked>;
  /** Whether a block is asked for or received. */
  tracks(hash: Uint8Array): boolean;
  ask(t: Tracked): void;
  /** Moves an asked block to received (with a new deadline); undefined if it was not asked for. */
  arrived(hash: Uint8Array, deadline: number): Tracked | undefined;
  /** Drops what is at or below `tip`; returns the asked ones dropped, per peer. */
  prune(tip: bigint): Map<PeerId, number>;
  /** Drops the asked blocks whose deadline passed; returns, per peer, how many and the highest. */
  expire(now: number): Map<PeerId, { count: number; height: bigint }>;
  /** Drops everything of `peer`; returns how many were asked. */
  dropPeer(peer: PeerId): number;
  size(): number;
}

/** Creates empty sets. */
export function createInFlight(): InFlight {
  const asked = new Map<string, Tracked>();
  const received = new Map<string, Tracked>();
  return {
    asked,
    received,
    tracks(hash) {
      const k = bytesToHex(hash);
      return asked.has(k) || received.has(k);
    },
    ask: (t) => void asked.set(bytesToHex(t.hash), t),
    arrived(hash, deadline) {
      const k = bytesToHex(hash);
      const t = asked.get(k);
      if (t === undefined) return undefined;
      asked.delete(k);
      received.set(k, { ...t, deadline });
      return t;
    },
    prune(tip) {
      const freed = new Map<PeerId, number>();
      for (const [k, t] of asked) {
        if (t.height > tip) continue;
        asked.delete(k);
        freed.set(t.peer, (freed.get(t.peer) ?? 0) + 1);
      }
      for (const [k, t] of received) if (t.height <= tip) received.delete(k);
      return freed;
    },
    expire(now) {
      const late = new Map<PeerId, { count: number; height: bigint }>();
      for (const [k, t] of asked) {
        if (t.deadline > now) continue;
        asked.delete(k);
        const l = late.get(t.peer) ?? { count: 0, height: 0n };
        l.count++;
        if (t.height > l.height) l.height = t.height;
        late.set(t.peer, l);
      }
      return late;
    },
    dropPeer(peer) {
      let n = 0;
      for (const [k, t] of asked) {
        if (t.peer !== peer) continue;
        asked.delete(k);
        n++;
      }
      for (const [k, t] of received) if (t.peer === peer) received.delete(k);
      return n;
    },
    size: () => asked.size + received.size,
  };
}
