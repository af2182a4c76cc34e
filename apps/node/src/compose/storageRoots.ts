/**
 * Which contract-storage roots a state leaf holds, for trie-store's reference counting: a leaf
 * that decodes as an account with a non-empty storage root references that storage trie.
 */
import { accountStorageRoot, EMPTY_ROOT_HASH, equalBytes, type Hash, ZERO_HASH } from "@theta/core-types";

/** The storage roots referenced by `leafValue` (none for non-account leaves). */
export function accountStorageRoots(leafValue: Uint8Array): readonly Hash[] {
  const root = accountStorageRoot(leafValue);
  if (root === undefined || equalBytes(root, ZERO_HASH) || equalBytes(root, EMPTY_ROOT_HASH)) return [];
  return [root];
}
