/** Error codes of the trie store. */
export const TrieStoreErrorCode = {
  UnknownVersion: "TRIE_UNKNOWN_VERSION",
  NotMonotonic: "TRIE_VERSION_NOT_MONOTONIC",
  MissingNode: "TRIE_MISSING_NODE",
  MalformedNode: "TRIE_MALFORMED_NODE",
  StoreClosed: "TRIE_STORE_CLOSED",
  DuplicateKey: "TRIE_DUPLICATE_KEY",
} as const;
/** One of the trie store's error codes. */
export type TrieStoreErrorCode = (typeof TrieStoreErrorCode)[keyof typeof TrieStoreErrorCode];
