/**
 * An in-memory KvStore: a Map by key as a latin1 string (one char per byte, so string order is
 * byte order), and a sorted index of the keys
 * rebuilt lazily when an iteration follows inserts or deletes, so writes stay O(1).
 */
import { ThetaError } from "@theta/core-types";
import { TrieStoreErrorCode } from "./errors.ts";
import { type KvBatchOp, type KvRange, type KvStore, prefixUpperBound } from "./kvStore.ts";

/** The key as a string of char codes 0–255. */
function bytesToKey(bytes: Uint8Array): string {
  if (bytes.length <= 4096) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096)
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return out;
}

function keyToBytes(key: string): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) out[i] = key.charCodeAt(i);
  return out;
}

function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The in-memory `KvStore`, with size counters. */
export interface MemoryKvStore extends KvStore {
  /** Number of entries (for tests and size measurements). */
  size(): number;
  /** Sum of key and value lengths in bytes. */
  byteSize(): number;
}

/** An empty in-memory store. */
export function createMemoryKvStore(): MemoryKvStore {
  const values = new Map<string, Uint8Array>();
  let sortedKeys: string[] | undefined = [];
  let bytes = 0;
  let closed = false;
  const check = () => {
    if (closed)
      throw new ThetaError(
        TrieStoreErrorCode.StoreClosed,
        "memory KvStore: used after close(), expected an open store",
      );
  };
  const put = (k: string, v: Uint8Array) => {
    const old = values.get(k);
    if (old === undefined) {
      sortedKeys = undefined;
      bytes += k.length;
    } else bytes -= old.length;
    bytes += v.length;
    values.set(k, v.slice());
  };
  const del = (k: string) => {
    const old = values.get(k);
    if (old === undefined) return;
    values.delete(k);
    sortedKeys = undefined;
    bytes -= k.length + old.length;
  };
  const sorted = (): string[] => {
    if (sortedKeys === undefined) sortedKeys = [...values.keys()].sort();
    return sortedKeys;
  };
  return {
    async get(key) {
      check();
      return values.get(bytesToKey(key))?.slice();
    },
    async getMany(keys) {
      check();
      return keys.map((k) => values.get(bytesToKey(k))?.slice());
    },
    async put(key, value) {
      check();
      put(bytesToKey(key), value);
    },
    async del(key) {
      check();
      del(bytesToKey(key));
    },
    async batch(ops: readonly KvBatchOp[]) {
      check();
      for (const op of ops) {
        if (op.type === "put") put(bytesToKey(op.key), op.value);
        else del(bytesToKey(op.key));
      }
    },
    async *iterate(range: KvRange = {}) {
      check();
      let lo = range.gte ? bytesToKey(range.gte) : "";
      let hi = range.lt ? bytesToKey(range.lt) : undefined;
      if (range.prefix) {
        const p = bytesToKey(range.prefix);
        if (p > lo) lo = p;
        const ub = prefixUpperBound(range.prefix);
        const u = ub ? bytesToKey(ub) : undefined;
        if (u !== undefined && (hi === undefined || u < hi)) hi = u;
      }
      const index = sorted();
      const start = lowerBound(index, lo);
      const end = hi === undefined ? index.length : lowerBound(index, hi);
      const keys = index.slice(start, end);
      if (range.reverse) keys.reverse();
      let n = 0;
      for (const k of keys) {
        if (range.limit !== undefined && n++ >= range.limit) return;
        const v = values.get(k);
        if (v) yield [keyToBytes(k), v.slice()] as const;
      }
    },
    async close() {
      closed = true;
    },
    size: () => values.size,
    byteSize: () => bytes,
  };
}
