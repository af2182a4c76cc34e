/**
 * The bridge from @ethereumjs/mpt's DB interface to the KvStore port. Trie nodes live under the
 * prefix "n" + node hash. Writes are buffered until `drain()`, so a whole state version (its nodes
 * plus the version index entry) reaches the store in one atomic batch.
 */
import { bytesToHex, concatBytes, hexToBytes } from "@theta/core-types";
import type { KvBatchOp, KvStore } from "./kvStore.ts";
import type { NodeRefs } from "./nodeRefs.ts";

/** Key prefix of trie nodes in the store (`n` + hash). */
export const NODE_PREFIX = Uint8Array.of(0x6e); // "n"

/** A node database for the tries that buffers new nodes in memory until a versioned commit writes them. */
export interface BufferedNodeDb {
  /** The object handed to the MPT as its `db` (structurally @ethereumjs/util's DB). */
  readonly db: {
    /** A node by hash: the buffer first, then the store. */
    get(key: DbKey): Promise<Uint8Array | undefined>;
    /** Buffers a node. */
    put(key: DbKey, value: DbValue): Promise<void>;
    /** Ignored: nodes are removed by pruning only. */
    del(key: DbKey): Promise<void>;
    /** Buffers the puts of a batch. */
    batch(ops: ReadonlyArray<{ type: "put" | "del"; key: DbKey; value?: DbValue }>): Promise<void>;
    /** The same database (the tries share one buffer). */
    shallowCopy(): unknown;
    /** Nothing to open. */
    open(): Promise<void>;
  };
  /** Pending node writes as KvStore operations, clearing the buffer. */
  drain(): KvBatchOp[];
  /** Pending node encodings (and the references staged with them) by hex hash, clearing the buffer. */
  drainPending(): PendingNodes;
  /** Number of buffered nodes. */
  pendingCount(): number;
  /**
   * Buffers one node encoding under its hash (what `db.put` does, without the promise), with what
   * it references when the caller knows it (the fast trie does: the commit then need not decode it).
   */
  stage(hash: Uint8Array, encoded: Uint8Array, refs?: NodeRefs): void;
}

/** Nodes written since the last drain, by hex hash. */
export interface PendingNodes {
  readonly encodings: ReadonlyMap<string, Uint8Array>;
  /** References of the nodes staged with them (a subset of `encodings`). */
  readonly refs: ReadonlyMap<string, NodeRefs>;
}

/** The MPT's checkpoint layer passes keys as unprefixed hex strings; accept bytes too. */
type DbKey = Uint8Array | string;
type DbValue = Uint8Array | string;
const keyHex = (k: DbKey): string => (typeof k === "string" ? k : bytesToHex(k));
const valueBytes = (v: DbValue): Uint8Array => (typeof v === "string" ? hexToBytes(v) : v);

/** A node database over `kv` with an empty buffer. */
export function createBufferedNodeDb(kv: KvStore): BufferedNodeDb {
  // Nodes are content-addressed: a pending put never conflicts with what the store holds, and
  // deletes are left to pruning, so the MPT's own deletes are ignored.
  let pending = new Map<string, Uint8Array>();
  let pendingRefs = new Map<string, NodeRefs>();
  const nodeKey = (k: DbKey) => concatBytes(NODE_PREFIX, typeof k === "string" ? hexToBytes(k) : k);
  const db: BufferedNodeDb["db"] = {
    async get(key) {
      const hit = pending.get(keyHex(key));
      if (hit) return hit;
      return kv.get(nodeKey(key));
    },
    async put(key, value) {
      pending.set(keyHex(key), valueBytes(value));
    },
    async del() {},
    async batch(ops) {
      for (const op of ops)
        if (op.type === "put" && op.value !== undefined) pending.set(keyHex(op.key), valueBytes(op.value));
    },
    shallowCopy() {
      return db;
    },
    async open() {},
  };
  return {
    db,
    drain() {
      const ops: KvBatchOp[] = [];
      for (const [k, v] of pending) ops.push({ type: "put", key: nodeKey(hexToBytes(k)), value: v });
      pending.clear();
      pendingRefs.clear();
      return ops;
    },
    drainPending() {
      const out = { encodings: pending, refs: pendingRefs };
      pending = new Map();
      pendingRefs = new Map();
      return out;
    },
    pendingCount: () => pending.size,
    stage(hash, encoded, refs) {
      const hex = bytesToHex(hash);
      pending.set(hex, encoded);
      if (refs !== undefined) pendingRefs.set(hex, refs);
    },
  };
}
