/**
 * The KvStore port, a versioned Merkle-Patricia state on @ethereumjs/mpt, and (next) reference-
 * counting history pruning.
 *
 * @packageDocumentation
 */
export { type BufferedNodeDb, createBufferedNodeDb, NODE_PREFIX } from "./bufferedNodeDb.ts";
export { type KvBatchOp, type KvRange, type KvStore, prefixUpperBound } from "./kvStore.ts";
export { createMemoryKvStore, type MemoryKvStore } from "./memoryKvStore.ts";
export { nodeRefs } from "./nodeRefs.ts";
export { COUNT_PREFIX, type StorageRootsOf, verifyCounts } from "./refcount.ts";
export { normalizeRoot, openStateTrie, type StateTrie, verifyProof } from "./stateTrie.ts";
export {
  createVersionedState,
  rootHex,
  TrieStoreErrorCode,
  type VersionedState,
  type VersionedStateOptions,
} from "./versionedState.ts";
