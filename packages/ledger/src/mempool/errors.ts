/** Why the mempool refused a tx (the RPC maps these to JSON-RPC errors). */
export const MempoolErrorCode = {
  /** The same raw bytes (same canonical hash) are already pending. */
  Duplicate: "MEMPOOL_DUPLICATE",
  /** The tx alone exceeds the byte limit. */
  TooLarge: "MEMPOOL_TX_TOO_LARGE",
  /** The pool is full and every evictable tx pays at least as much. */
  Full: "MEMPOOL_FULL",
  /** The ledger's screening refused it; `execCode` carries the reference's numeric code. */
  Invalid: "MEMPOOL_INVALID_TX",
} as const;

/** One of the mempool codes. */
export type MempoolErrorCode = (typeof MempoolErrorCode)[keyof typeof MempoolErrorCode];
