/**
 * The ledger's `TrieDatabase` port over trie-store's `VersionedState`: tries the ledger opens
 * write their nodes into the versioned state's buffer; `VersionedState.commit(height, root)`
 * persists them in one batch. Prefix iteration (`entries`) is not offered by this adapter; the
 * reads the node serves (accounts, pools, code, storage, split rules by id) never need it.
 */
import {
  concatBytes,
  EMPTY_ROOT_HASH,
  equalBytes,
  type Hash,
  ThetaError,
  ZERO_HASH,
} from "@theta/core-types";
import type { StateTrie, TrieDatabase } from "@theta/ledger";
import { type KvStore, NODE_PREFIX, type VersionedState } from "@theta/trie-store";

/** Stable codes of the state adapter. */
export const StateDatabaseErrorCode = { Unsupported: "NODE_STATE_UNSUPPORTED" } as const;

/** Opens ledger tries over `state`. */
export function createStateDatabase(state: VersionedState): TrieDatabase {
  const open = (root: Hash): StateTrie => {
    const trie = state.openStorage(root);
    return {
      get: (key) => trie.get(key),
      put: (key, value) => trie.put(key, value),
      delete: (key) => trie.del(key),
      root: async () => trie.root(),
      commit: async () => trie.root(),
      entries() {
        throw new ThetaError(
          StateDatabaseErrorCode.Unsupported,
          "state trie: prefix iteration is not available in this node's state adapter",
        );
      },
      copy: async () => open(trie.root()),
    };
  };
  return { openTrie: async (root) => open(root) };
}

/** Whether the state trie with `root` is on disk (false once pruned). */
export async function hasStateRoot(kv: KvStore, root: Hash): Promise<boolean> {
  if (equalBytes(root, EMPTY_ROOT_HASH) || equalBytes(root, ZERO_HASH)) return true;
  return (await kv.get(concatBytes(NODE_PREFIX, root))) !== undefined;
}
