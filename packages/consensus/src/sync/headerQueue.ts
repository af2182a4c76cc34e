/**
 * The headers the syncer knows ahead of the local tip, one per height, each with the peers that announced
 * it. A header joins only if it links to the local chain or to the header below it (so the queue is one
 * chain) and lies within the window above the tip; the first chain wins a height, a competing header is
 * not kept. Bounded by the window: it never holds more than `maxAhead` heights.
 */
import { type BlockHeader, bytesToHex } from "@theta/core-types";
import type { PeerId } from "../ports.ts";
import { INVENTORY_MAX_HASHES } from "./limits.ts";

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

/** What a peer's header answer brought. */
export interface HeaderAnswer {
  /** Its first header follows a known block: the local chain or the queue (else it is of another chain). */
  readonly linked: boolean;
  /** The best height it showed: of its queued headers, and of its last one when the answer links. */
  readonly best: bigint;
  /**
   * It claims a last header it does not lead to: one not following the header before it although fewer
   * than the full 49 came first (an honest peer sends 49 after the located block and then its last
   * finalized header, or every block up to its last finalized one), or a header in between is unlinked.
   */
  readonly overclaims: boolean;
}

/** Queues the headers of one answer from `from`. */
export function enqueueHeaders(
  queue: HeaderQueue,
  headers: readonly BlockHeader[],
  ctx: {
    readonly from: PeerId;
    readonly tip: bigint;
    readonly hashOf: (h: BlockHeader) => Uint8Array;
    readonly isValid: (hash: Uint8Array) => boolean;
  },
): HeaderAnswer {
  let best = 0n;
  let unlinked = 0;
  let first: HeaderAdd | "below" | undefined;
  let prevHash: Uint8Array | undefined;
  let lastDetached = false;
  headers.forEach((h, i) => {
    const hash = ctx.hashOf(h);
    const r: HeaderAdd | "below" =
      h.height <= ctx.tip || ctx.isValid(hash)
        ? "below"
        : queue.add(h, hash, ctx.from, ctx.tip, ctx.isValid(h.parent));
    if (i === 0) first = r;
    else if (r === "unlinked" && i < headers.length - 1) unlinked++;
    if (i === headers.length - 1 && i > 0) {
      // the last header follows the one before it, or it is the peer's last finalized block after a gap
      lastDetached = bytesToHex(h.parent) !== bytesToHex(prevHash as Uint8Array);
    }
    if ((r === "added" || r === "known") && h.height > best) best = h.height;
    prevHash = hash;
  });
  // The first header must follow a known block (one far above the window cannot show that).
  const linked = first === "below" || first === "added" || first === "known";
  const last = headers[headers.length - 1];
  if (linked && last !== undefined && last.height > best) best = last.height;
  const overclaims = linked && (unlinked > 0 || (lastDetached && headers.length - 1 < INVENTORY_MAX_HASHES));
  return { linked, best, overclaims };
}
