/**
 * The ledger's view of storage (its `TrieDatabase` and `StateTrie` ports, declared here once; the
 * ledger names them in its ports.ts) over a `VersionedState`: every trie the ledger opens
 * writes its nodes into the versioned state's buffer, and the node commits one version per height
 * with `state.commit(height, root)`, which also prunes.
 */
import type { Hash } from "@theta/core-types";
import type { StateTrie } from "./stateTrie.ts";
import type { VersionedState } from "./versionedState.ts";

/** A trie as the ledger uses it (async root, `delete`, `copy()` as a promise). */
export interface DatabaseTrie {
  /** The value under `key`; undefined when absent. */
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** An empty value deletes the key. */
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** Removes `key` (nothing when absent). */
  delete(key: Uint8Array): Promise<void>;
  /** The root including every write so far (its new nodes go to the buffer). */
  root(): Promise<Hash>;
  /** Hands the new nodes to the buffer and returns the root; `VersionedState.commit` persists them. */
  commit(): Promise<Hash>;
  /** Key/value pairs whose key starts with `prefix`, in key order. */
  entries(prefix: Uint8Array): AsyncIterable<readonly [Uint8Array, Uint8Array]>;
  /** An independent trie at this trie's current root. */
  copy(): Promise<DatabaseTrie>;
}

/** Opens state and contract-storage tries over one node database. */
export interface TrieDatabase {
  /** The trie at `root` (empty-trie root or all-zero hash: empty). */
  openTrie(root: Hash): Promise<DatabaseTrie>;
}

/** Dependencies of `createTrieDatabase`. */
export interface TrieDatabaseDeps {
  /** Where the nodes go; its `engine` option picks the trie implementation. */
  readonly state: VersionedState;
}

function adapt(trie: StateTrie): DatabaseTrie {
  return {
    get: (key) => trie.get(key),
    put: (key, value) => trie.put(key, value),
    delete: (key) => trie.del(key),
    root: async () => trie.root(),
    commit: () => trie.commit(),
    entries: (prefix) => trie.entries(prefix),
    copy: async () => adapt(trie.copy()),
  };
}

/** The ledger's `TrieDatabase` port over `deps.state`. */
export function createTrieDatabase(deps: TrieDatabaseDeps): TrieDatabase {
  return {
    openTrie: async (root) => adapt(deps.state.openStorage(root)),
  };
}
