/** Stable error codes of the micropayment package (off-chain and on-chain rules). */
export const MicropaymentErrorCode = {
  Malformed: "MP_MALFORMED",
  NotAServicePayment: "MP_NOT_A_SERVICE_PAYMENT",
  WrongTarget: "MP_WRONG_TARGET",
  SelfPayment: "MP_SELF_PAYMENT",
  BadSourceSignature: "MP_BAD_SOURCE_SIGNATURE",
  UnknownPool: "MP_UNKNOWN_POOL",
  UnknownResource: "MP_UNKNOWN_RESOURCE",
  PoolExpired: "MP_POOL_EXPIRED",
  ThetaNotAllowed: "MP_THETA_NOT_ALLOWED",
  NonPositiveAmount: "MP_NON_POSITIVE_AMOUNT",
  OldPaymentSequence: "MP_OLD_PAYMENT_SEQUENCE",
  AmountNotIncreasing: "MP_AMOUNT_NOT_INCREASING",
  PoolCannotCover: "MP_POOL_CANNOT_COVER",
  WouldOverspend: "MP_WOULD_OVERSPEND",
  NothingToSettle: "MP_NOTHING_TO_SETTLE",
  // on-chain rules (docs/ledger.md §5.4–5.7, result codes of §4.6 in `resultCode`)
  ReserveFundCheckFailed: "MP_RESERVE_FUND_CHECK_FAILED",
  ReleaseFundCheckFailed: "MP_RELEASE_FUND_CHECK_FAILED",
  TransferCheckFailed: "MP_TRANSFER_CHECK_FAILED",
  SplitFailed: "MP_SPLIT_FAILED",
  InvalidSlashProof: "MP_INVALID_SLASH_PROOF",
} as const;
export type MicropaymentErrorCode = (typeof MicropaymentErrorCode)[keyof typeof MicropaymentErrorCode];
