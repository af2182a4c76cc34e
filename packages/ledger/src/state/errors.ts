/** Error codes of the state view and genesis import. */
export const StateErrorCode = {
  /** A storage write to an address that has no account. */
  MissingAccount: "LEDGER_STATE_MISSING_ACCOUNT",
  /** A storage word longer than 32 bytes. */
  BadStorageWord: "LEDGER_STATE_BAD_STORAGE_WORD",
  /** A snapshot whose state root differs from the snapshot block's state hash. */
  GenesisRootMismatch: "LEDGER_GENESIS_ROOT_MISMATCH",
  /** A snapshot layout this importer does not read (trie-node records, v3/v4). */
  GenesisUnsupportedSnapshot: "LEDGER_GENESIS_UNSUPPORTED_SNAPSHOT",
  /** A genesis description field that is out of range or malformed. */
  GenesisBadDescription: "LEDGER_GENESIS_BAD_DESCRIPTION",
} as const;

/** One of the state error codes. */
export type StateErrorCode = (typeof StateErrorCode)[keyof typeof StateErrorCode];
