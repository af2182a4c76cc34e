/**
 * A bounded cache of decoded nodes by hash, shared by every trie of one node database. Two
 * generations approximate LRU at Map speed: hits in the old generation move to the young one,
 * and when the young generation is full the old one is dropped whole.
 */
import type { ResolvedNode } from "./node.ts";

/** Decoded nodes by the hex of their hash. */
export interface NodeCache {
  get(key: string): ResolvedNode | undefined;
  set(key: string, node: ResolvedNode): void;
  /** Entries held now (at most twice the generation size). */
  size(): number;
}

/** A cache holding between `capacity / 2` and `capacity` recently used nodes. */
export function createNodeCache(capacity: number): NodeCache {
  const half = Math.max(1, Math.floor(capacity / 2));
  let young = new Map<string, ResolvedNode>();
  let old = new Map<string, ResolvedNode>();
  const set = (key: string, node: ResolvedNode) => {
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
    young.set(key, node);
  };
  return {
    get(key) {
      const hit = young.get(key);
      if (hit !== undefined) return hit;
      const o = old.get(key);
      if (o !== undefined) {
        old.delete(key);
        set(key, o);
      }
      return o;
    },
    set,
    size: () => young.size + old.size,
  };
}
