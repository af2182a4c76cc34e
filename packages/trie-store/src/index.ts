/**
 * The KvStore port, a versioned Merkle-Patricia state (on @ethereumjs/mpt or our own faster trie),
 * reference-counting history pruning, and the ledger's `TrieDatabase` port over it.
 *
 * @packageDocumentation
 */
export { type BufferedNodeDb, createBufferedNodeDb, NODE_PREFIX } from "./bufferedNodeDb.ts";
export { COUNT_PREFIX } from "./countCache.ts";
export { TrieStoreErrorCode } from "./errors.ts";
export {
  createFastTrieContext,
  type FastTrieContext,
  type FastTrieOptions,
  openFastTrie,
} from "./fast/fastTrie.ts";
export { decodeNode, encodeNode, type Hasher } from "./fast/nodeCodec.ts";
export { type TrieEntry, trieRootOf } from "./fast/trieRoot.ts";
export { getMany, type KvBatchOp, type KvRange, type KvStore, prefixUpperBound } from "./kvStore.ts";
export { createMemoryKvStore, type MemoryKvStore } from "./memoryKvStore.ts";
export { nodeRefs } from "./nodeRefs.ts";
export { type StorageRootsOf, verifyCounts } from "./refcount.ts";
export { normalizeRoot, openStateTrie, type StateTrie, verifyProof } from "./stateTrie.ts";
export {
  createTrieDatabase,
  type DatabaseTrie,
  type TrieDatabase,
  type TrieDatabaseDeps,
} from "./trieDatabase.ts";
export {
  createVersionedState,
  rootHex,
  TrieEngine,
  type VersionedState,
  type VersionedStateOptions,
} from "./versionedState.ts";
