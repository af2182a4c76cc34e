/** Codes of block application and proposal outcomes. */
export const ChainErrorCode = {
  /** A tx of the block failed decoding, sanity or processing: the block is invalid. */
  InvalidTx: "LEDGER_BLOCK_INVALID_TX",
  /** The computed state root differs from the one the header claims. */
  StateRootMismatch: "LEDGER_BLOCK_STATE_ROOT_MISMATCH",
  /** The proposer's own coinbase did not execute (a bug in the rewards builder). */
  CoinbaseFailed: "LEDGER_PROPOSAL_COINBASE_FAILED",
  /** Dry run: the bytes are not a SmartContractTx. */
  NotAContractTx: "LEDGER_DRY_RUN_NOT_A_CONTRACT_TX",
} as const;

/** One of the chain error codes. */
export type ChainErrorCode = (typeof ChainErrorCode)[keyof typeof ChainErrorCode];
