/**
 * The storage port of the whole node: an ordered byte key-value store with atomic batches.
 * trie-store declares it; platform-node implements it on LevelDB (`@theta/platform-node/level`);
 * `createMemoryKvStore` is the in-memory implementation. Every implementation must pass `runKvStoreCompliance` (testing export).
 */
export type KvBatchOp =
  | { readonly type: "put"; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: Uint8Array };

/** Bounds and order of an iteration. */
export interface KvRange {
  /** Keys ≥ gte. */
  readonly gte?: Uint8Array;
  /** Keys < lt. */
  readonly lt?: Uint8Array;
  /** Only keys that start with these bytes (combined with gte/lt). */
  readonly prefix?: Uint8Array;
  /** Descending order. */
  readonly reverse?: boolean;
  readonly limit?: number;
}

/** An ordered byte key-value store with atomic batches. */
export interface KvStore {
  /** The value under `key`; undefined when absent. */
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /**
   * Optional: many keys in one call, results in the order of `keys` (undefined where absent).
   * Stores with a per-call cost (LevelDB's native bridge) implement it; callers fall back to
   * parallel `get`s through `getMany` below.
   */
  getMany?(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>>;
  /** Writes `value` under `key`. */
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** Removes `key` (nothing when absent). */
  del(key: Uint8Array): Promise<void>;
  /** Applies every operation or none (in order: a later op on the same key wins). */
  batch(ops: readonly KvBatchOp[]): Promise<void>;
  /** Entries in byte-wise key order. */
  iterate(range?: KvRange): AsyncIterable<readonly [Uint8Array, Uint8Array]>;
  /** Releases the store; every later call throws. */
  close(): Promise<void>;
}

/** The smallest key greater than every key starting with `prefix` (undefined for 0xff…). */
export function prefixUpperBound(prefix: Uint8Array): Uint8Array | undefined {
  const out = prefix.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]! < 0xff) {
      out[i]! += 1;
      return out.subarray(0, i + 1);
    }
  }
  return undefined;
}

/** `store.getMany(keys)` when the store has it, else the keys read with parallel `get`s. */
export function getMany(store: KvStore, keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
  if (keys.length === 0) return Promise.resolve([]);
  return store.getMany ? store.getMany(keys) : Promise.all(keys.map((k) => store.get(k)));
}
