/**
 * A block's TxHash (docs/consensus.md §1.2): the root of a Merkle-Patricia trie keyed by RLP(index)
 * holding the raw txs, computed in one pass by trie-store's `trieRootOf` (the trie is never stored).
 */
import { blockTxTrieEntries, type Hash } from "@theta/core-types";
import { trieRootOf } from "@theta/trie-store";

/** The tx trie root of `txs` with the node's keccak256 (the empty-trie root for none). */
export function txTrieRoot(txs: readonly Uint8Array[], keccak256: (data: Uint8Array) => Uint8Array): Hash {
  return trieRootOf(blockTxTrieEntries(txs), keccak256);
}
