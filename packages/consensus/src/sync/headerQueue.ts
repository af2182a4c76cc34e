/**
 * The headers the syncer knows ahead of the local tip, one per height, each with the peers that announced
 * it. A header joins only if it links to the local chain or to the header below it (so the queue is one
 * chain) and lies within the window above the tip; the first chain wins a height, a competing header is
 * not kept. Bounded by the window: it never holds more than `maxAhead` heights.
 */
import { bytesToHex } from "@theta/core-types";
import type { PeerId } from "../ports.ts";

/** A queued header: what the download needs of it. */
export interface QueuedHeader {
  readonly height: bigint;
  readonly hash: Uint8Array;
  readonly parent: Uint8Array;
  readonly announcers: Set<PeerId>;
}

/** What adding a header did. */
export type HeaderAdd = "added" | "known" | "unlinked" | "outOfWindow";

/** The header queue. */
export interface HeaderQueue {
  /**
   * Adds a header announced by `from`; `parentValid` says whether its parent is a valid block of the local
   * chain. Headers at or below `tip` or above `tip + maxAhead` are not kept.
   */
  add(
    h: { height: bigint; parent: Uint8Array },
    hash: Uint8Array,
    from: PeerId,
    tip: bigint,
    parentValid: boolean,
  ): HeaderAdd;
  at(height: bigint): QueuedHeader | undefined;
  has(hash: Uint8Array): boolean;
  /** Drops the headers at or below `tip`. */
  prune(tip: bigint): void;
  /** Drops the headers at or above `height` (a block there was invalid). */
  dropFrom(height: bigint): void;
  /** Forgets `peer` as an announcer. */
  forget(peer: PeerId): void;
  /** The highest height `h` such that every height in `(tip, h]` is queued (`tip` if none). */
  top(tip: bigint): bigint;
  size(): number;
}

/** Creates an empty queue holding at most `maxAhead` heights above the tip. */
export function createHeaderQueue(maxAhead: number): HeaderQueue {
  const byHeight = new Map<bigint, QueuedHeader>();
  const byHash = new Map<string, bigint>();
  const remove = (height: bigint): void => {
    const q = byHeight.get(height);
    if (q === undefined) return;
    byHeight.delete(height);
    byHash.delete(bytesToHex(q.hash));
  };
  return {
    add(h, hash, from, tip, parentValid) {
      const key = bytesToHex(hash);
      const known = byHash.get(key);
      if (known !== undefined) {
        byHeight.get(known)?.announcers.add(from);
        return "known";
      }
      if (h.height <= tip || h.height > tip + BigInt(maxAhead)) return "outOfWindow";
      const below = byHeight.get(h.height - 1n);
      const linked =
        (h.height === tip + 1n && parentValid) ||
        (below !== undefined && bytesToHex(below.hash) === bytesToHex(h.parent));
      if (!linked) return "unlinked";
      if (byHeight.has(h.height)) return "known"; // another chain holds this height
      byHeight.set(h.height, { height: h.height, hash, parent: h.parent, announcers: new Set([from]) });
      byHash.set(key, h.height);
      return "added";
    },
    at: (height) => byHeight.get(height),
    has: (hash) => byHash.has(bytesToHex(hash)),
    prune(tip) {
      for (const height of [...byHeight.keys()]) if (height <= tip) remove(height);
    },
    dropFrom(height) {
      for (const h of [...byHeight.keys()]) if (h >= height) remove(h);
    },
    forget(peer) {
      for (const q of byHeight.values()) q.announcers.delete(peer);
    },
    top(tip) {
      let h = tip;
      while (byHeight.has(h + 1n)) h++;
      return h;
    },
    size: () => byHeight.size,
  };
}
