/**
 * A block's TxHash (consensus.md §1.2): the root of a Merkle-Patricia trie keyed by RLP(index)
 * holding the raw txs, built in memory with trie-store.
 */
import { blockTxTrieEntries, EMPTY_ROOT_HASH, type Hash } from "@theta/core-types";
import { createMemoryKvStore, createVersionedState } from "@theta/trie-store";

/** The tx trie root of `txs` (the empty-trie root for none). */
export async function txTrieRoot(txs: readonly Uint8Array[]): Promise<Hash> {
  if (txs.length === 0) return EMPTY_ROOT_HASH;
  const trie = await createVersionedState(createMemoryKvStore()).open();
  for (const { key, value } of blockTxTrieEntries(txs)) await trie.put(key, value);
  return trie.root();
}
