/** An in-memory KvStore: a sorted index of hex keys (hex order is byte order) over a Map. */
import { bytesToHex, hexToBytes } from "@theta/core-types";
import { type KvBatchOp, type KvRange, type KvStore, prefixUpperBound } from "./kvStore.ts";

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

export interface MemoryKvStore extends KvStore {
  /** Number of entries (for tests and size measurements). */
  size(): number;
  /** Sum of key and value lengths in bytes. */
  byteSize(): number;
}

export function createMemoryKvStore(): MemoryKvStore {
  const values = new Map<string, Uint8Array>();
  const sorted: string[] = [];
  let closed = false;
  const check = () => {
    if (closed) throw new Error("KvStore is closed");
  };
  const put = (k: string, v: Uint8Array) => {
    if (!values.has(k)) sorted.splice(lowerBound(sorted, k), 0, k);
    values.set(k, v.slice());
  };
  const del = (k: string) => {
    if (!values.delete(k)) return;
    sorted.splice(lowerBound(sorted, k), 1);
  };
  return {
    async get(key) {
      check();
      return values.get(bytesToHex(key))?.slice();
    },
    async put(key, value) {
      check();
      put(bytesToHex(key), value);
    },
    async del(key) {
      check();
      del(bytesToHex(key));
    },
    async batch(ops: readonly KvBatchOp[]) {
      check();
      for (const op of ops) {
        if (op.type === "put") put(bytesToHex(op.key), op.value);
        else del(bytesToHex(op.key));
      }
    },
    async *iterate(range: KvRange = {}) {
      check();
      let lo = range.gte ? bytesToHex(range.gte) : "";
      let hi = range.lt ? bytesToHex(range.lt) : undefined;
      if (range.prefix) {
        const p = bytesToHex(range.prefix);
        if (p > lo) lo = p;
        const ub = prefixUpperBound(range.prefix);
        const u = ub ? bytesToHex(ub) : undefined;
        if (u !== undefined && (hi === undefined || u < hi)) hi = u;
      }
      const start = lowerBound(sorted, lo);
      const end = hi === undefined ? sorted.length : lowerBound(sorted, hi);
      const keys = sorted.slice(start, end);
      if (range.reverse) keys.reverse();
      let n = 0;
      for (const k of keys) {
        if (range.limit !== undefined && n++ >= range.limit) return;
        const v = values.get(k);
        if (v) yield [hexToBytes(k), v.slice()] as const;
      }
    },
    async close() {
      closed = true;
    },
    size: () => values.size,
    byteSize: () => {
      let total = 0;
      for (const [k, v] of values) total += k.length / 2 + v.length;
      return total;
    },
  };
}
