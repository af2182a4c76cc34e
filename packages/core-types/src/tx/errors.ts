/** Stable error codes of transaction decoding. */
export const TxErrorCode = {
  UnknownType: "TX_UNKNOWN_TYPE",
  TooLarge: "TX_TOO_LARGE",
  InvalidBlsPoint: "TX_INVALID_BLS_POINT",
} as const;
export type TxErrorCode = (typeof TxErrorCode)[keyof typeof TxErrorCode];

/** Largest raw transaction the reference decodes (8 MiB). */
export const MAX_TX_SIZE = 8 * 1024 * 1024;
