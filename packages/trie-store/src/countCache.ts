/**
 * The reference counts a versioned state keeps in memory between its commits and prunes.
 *
 * While the store holds at most `capacity` counted nodes, the cache holds every count (the
 * *complete* mode): a hash it does not hold has count 0, so a commit learns that its new nodes are
 * not stored yet without reading the store. Past `capacity` it becomes a bounded cache of recent
 * counts, and unknown hashes are read from the store again. The cache is filled from the store
 * once, on first use (the count records, and 1 for each stored node without one), and then kept in
 * step by the one writer of the counts (refcount.ts).
 */
import { bytesToHex } from "@theta/core-types";
import { type BoundedCache, createBoundedCache } from "./boundedCache.ts";
import { NODE_PREFIX } from "./bufferedNodeDb.ts";
import type { KvStore } from "./kvStore.ts";

/** Key prefix of reference counts ("c" + node hash). */
export const COUNT_PREFIX = Uint8Array.of(0x63); // "c"

/** A count as stored: 4 bytes big-endian. */
export function encodeCount(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
/** A stored count (0 when absent). */
export function decodeCount(b: Uint8Array | undefined): number {
  return b !== undefined && b.length === 4 ? ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0 : 0;
}

export interface CountCache {
  /** Loads the counts from the store on first call (later calls return at once). */
  ready(): Promise<void>;
  /** The count of a hex hash, or undefined when it must be read from the store. */
  get(hex: string): number | undefined;
  /** Records a count the store now holds (0: the node is gone). */
  set(hex: string, count: number): void;
  /** True while every stored count is held (absent means 0). */
  isComplete(): boolean;
}

/** A count cache for `kv`, complete up to `capacity` counted nodes. */
export function createCountCache(kv: KvStore, capacity: number): CountCache {
  let all: Map<string, number> | undefined;
  let recent: BoundedCache<number> | undefined;
  let loading: Promise<void> | undefined;
  const toBounded = () => {
    recent = createBoundedCache<number>(Math.max(2, capacity));
    // Stryker disable next-line ConditionalExpression: toBounded runs only while `all` is set, so this test never decides anything
    if (all) for (const [h, c] of all) recent.set(h, c);
    all = undefined;
  };
  const load = async () => {
    const found = new Map<string, number>();
    for await (const [k, v] of kv.iterate({ prefix: COUNT_PREFIX, limit: capacity + 1 }))
      found.set(bytesToHex(k.subarray(1)), decodeCount(v));
    // A stored node without a count record counts 1 (refcount.ts writes records only from 2 up).
    if (found.size <= capacity) {
      for await (const [k] of kv.iterate({ prefix: NODE_PREFIX })) {
        const hex = bytesToHex(k.subarray(1));
        if (found.has(hex)) continue;
        found.set(hex, 1);
        if (found.size > capacity) break;
      }
    }
    all = found;
    if (found.size > capacity) toBounded();
  };
  return {
    ready() {
      loading ??= load();
      return loading;
    },
    get(hex) {
      if (all) return all.get(hex) ?? 0;
      return recent?.get(hex);
    },
    set(hex, count) {
      if (all) {
        if (count === 0) all.delete(hex);
        else {
          all.set(hex, count);
          if (all.size > capacity) toBounded();
        }
      } else recent?.set(hex, count);
    },
    isComplete: () => all !== undefined,
  };
}
