/** Error codes of the stake pool rules (docs/ledger.md §2.7–2.10, §7). */
export const StakingErrorCode = {
  /** A deposit from a source whose entry for that holder is withdrawn and not yet returned. */
  DepositWhileWithdrawing: "STAKING_DEPOSIT_WHILE_WITHDRAWING",
  /** A deposit below the purpose's minimum. */
  BelowMinimum: "STAKING_BELOW_MINIMUM",
  /** An elite edge node deposit above the per-deposit or per-node cap. */
  AboveCap: "STAKING_ABOVE_CAP",
  /** A withdrawal or return for a holder that is not in the pool. */
  UnknownHolder: "STAKING_UNKNOWN_HOLDER",
  /** A withdrawal or return for a source without a matching stake entry. */
  UnknownSource: "STAKING_UNKNOWN_SOURCE",
  /** A second withdrawal of an already withdrawn stake. */
  AlreadyWithdrawn: "STAKING_ALREADY_WITHDRAWN",
  /** A stake return whose source account does not exist (the state is inconsistent). */
  MissingSourceAccount: "STAKING_MISSING_SOURCE_ACCOUNT",
  /** An EEN stake-return entry that does not match the node's stake (the state is inconsistent). */
  ReturnMismatch: "STAKING_RETURN_MISMATCH",
  /** A BLS summary (pubkey, proof of possession, holder signature) that is missing or invalid. */
  InvalidBlsSummary: "STAKING_INVALID_BLS_SUMMARY",
} as const;

/** One of the staking error codes. */
export type StakingErrorCode = (typeof StakingErrorCode)[keyof typeof StakingErrorCode];
