/**
 * Which contract-storage roots a state leaf holds, for trie-store's reference counting: a leaf
 * that decodes as an account with a non-empty storage root references that storage trie.
 */
import {
  decodeAccount,
  EMPTY_ROOT_HASH,
  equalBytes,
  type Hash,
  isThetaError,
  ZERO_HASH,
} from "@theta/core-types";

/** The storage roots referenced by `leafValue` (none for non-account leaves). */
export function accountStorageRoots(leafValue: Uint8Array): readonly Hash[] {
  try {
    const acc = decodeAccount(leafValue);
    if (equalBytes(acc.root, ZERO_HASH) || equalBytes(acc.root, EMPTY_ROOT_HASH)) return [];
    return [acc.root];
  } catch (e) {
    if (isThetaError(e)) return [];
    throw e;
  }
}
