/**
 * Ports of the ledger: the state trie it reads and writes. The ledger never touches storage
 * directly; an adapter (trie-store, or an in-memory trie in tests) implements these.
 */
import type { Hash } from "@theta/core-types";

/**
 * A Merkle-Patricia trie in go-ethereum node encoding with raw (not hashed) keys
 * (ledger.md §9.1). Empty root: `56e81f…b421`; an all-zero root also opens an empty trie.
 */
export interface StateTrie {
  /** The value under `key`, or undefined when absent. */
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Writes `value` under `key`; an empty `value` deletes the key. */
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** Removes `key` (no-op when absent). */
  delete(key: Uint8Array): Promise<void>;
  /** The current root hash (32 bytes), including uncommitted writes. */
  root(): Promise<Hash>;
  /** Persists the nodes written so far and returns the root. */
  commit(): Promise<Hash>;
  /** Every key/value whose key starts with `prefix`, in any order (used for split-rule expiry). */
  entries(prefix: Uint8Array): AsyncIterable<readonly [Uint8Array, Uint8Array]>;
  /** An independent trie over the same database positioned at this trie's current root. */
  copy(): Promise<StateTrie>;
}

/** Opens tries over one node database: the state trie and the contract storage tries. */
export interface TrieDatabase {
  /** Opens the trie with root `root` (empty-trie root or all-zero hash: an empty trie). */
  openTrie(root: Hash): Promise<StateTrie>;
}
