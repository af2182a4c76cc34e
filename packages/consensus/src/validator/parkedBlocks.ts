/**
 * Blocks parked until their parent is valid (docs/consensus.md §1.5, "pending"), bounded by count and by
 * encoded bytes: when a block would exceed either bound, the farthest-ahead parked block (the highest;
 * the oldest among equals) is evicted until both hold — which may be the block just parked. The blocks
 * nearest the local chain are kept: they connect first, and a node catching up walks down from them.
 */
import { type Block, bytesToHex } from "@theta/core-types";

/** A block waiting for its parent. */
export interface PendingBlock {
  /** The block. */
  readonly block: Block;
  /** Its hash. */
  readonly hash: Uint8Array;
}

/** The parked blocks. */
export interface ParkedBlocks {
  /** Parks a block of `bytes` encoded bytes; false if it was not kept (evicted at once). */
  add(block: Block, hash: Uint8Array, bytes: number): boolean;
  has(hash: Uint8Array): boolean;
  get(hash: Uint8Array): Block | undefined;
  /** Removes and returns the parked children of `parent`. */
  takeChildren(parent: Uint8Array): PendingBlock[];
  /** Parents that parked blocks wait for, in no particular order. */
  missingParents(): Uint8Array[];
  /** Drops the parked blocks at or below `height`. */
  pruneAtOrBelow(height: bigint): void;
  /** Number of parked blocks. */
  size(): number;
  /** Encoded bytes of the parked blocks. */
  bytes(): number;
}

interface Parked extends PendingBlock {
  readonly parentKey: string;
  readonly bytes: number;
}

/** Creates an empty set of parked blocks holding at most `maxBlocks` blocks and `maxBytes` bytes. */
export function createParkedBlocks(limits: {
  readonly maxBlocks: number;
  readonly maxBytes: number;
}): ParkedBlocks {
  /** By hash, in insertion order (the oldest first). */
  const byHash = new Map<string, Parked>();
  const byParent = new Map<string, Map<string, Parked>>();
  let total = 0;
  const remove = (key: string): void => {
    const p = byHash.get(key);
    if (p === undefined) return;
    byHash.delete(key);
    total -= p.bytes;
    const siblings = byParent.get(p.parentKey);
    siblings?.delete(key);
    if (siblings?.size === 0) byParent.delete(p.parentKey);
  };
  /** The farthest-ahead parked block; the first inserted among those of the same height. */
  const farthest = (): string | undefined => {
    let best: Parked | undefined;
    let bestKey: string | undefined;
    for (const [k, p] of byHash) {
      if (best === undefined || p.block.header.height > best.block.header.height) {
        best = p;
        bestKey = k;
      }
    }
    return bestKey;
  };
  return {
    add(block, hash, bytes) {
      const key = bytesToHex(hash);
      if (byHash.has(key)) return true;
      const parentKey = bytesToHex(block.header.parent);
      const p: Parked = { block, hash, parentKey, bytes };
      byHash.set(key, p);
      total += bytes;
      let siblings = byParent.get(parentKey);
      if (siblings === undefined) {
        siblings = new Map();
        byParent.set(parentKey, siblings);
      }
      siblings.set(key, p);
      while (byHash.size > limits.maxBlocks || total > limits.maxBytes) {
        remove(farthest() as string);
      }
      return byHash.has(key);
    },
    has: (hash) => byHash.has(bytesToHex(hash)),
    get: (hash) => byHash.get(bytesToHex(hash))?.block,
    takeChildren(parent) {
      const siblings = byParent.get(bytesToHex(parent));
      if (siblings === undefined) return [];
      const out = [...siblings.values()].map(({ block, hash }) => ({ block, hash }));
      for (const k of [...siblings.keys()]) remove(k);
      return out;
    },
    missingParents: () =>
      [...byParent.values()].map((m) => (m.values().next().value as Parked).block.header.parent),
    pruneAtOrBelow(height) {
      for (const [k, p] of [...byHash]) if (p.block.header.height <= height) remove(k);
    },
    size: () => byHash.size,
    bytes: () => total,
  };
}
