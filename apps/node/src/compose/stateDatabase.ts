/**
 * The ledger's `TrieDatabase` port over the node's versioned state (trie-store's
 * `createTrieDatabase`), and a check that a state root is still on disk.
 */
import { concatBytes, EMPTY_ROOT_HASH, equalBytes, type Hash, ZERO_HASH } from "@theta/core-types";
import type { TrieDatabase } from "@theta/ledger";
import { createTrieDatabase, type KvStore, NODE_PREFIX, type VersionedState } from "@theta/trie-store";

/** Opens ledger tries over `state`; their nodes are persisted by `state.commit(height, root)`. */
export function createStateDatabase(state: VersionedState): TrieDatabase {
  return createTrieDatabase({ state });
}

/** Whether the state trie with `root` is on disk (false once pruned). */
export async function hasStateRoot(kv: KvStore, root: Hash): Promise<boolean> {
  if (equalBytes(root, EMPTY_ROOT_HASH) || equalBytes(root, ZERO_HASH)) return true;
  return (await kv.get(concatBytes(NODE_PREFIX, root))) !== undefined;
}
