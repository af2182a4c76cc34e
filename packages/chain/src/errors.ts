/**
 * Stable codes of the executor's refusals. `apply` reports a refused block as
 * `{ ok: false, reason: "<code>: <message>" }`; a block the ledger refuses carries the ledger's code
 * (`LEDGER_BLOCK_INVALID_TX`, `LEDGER_BLOCK_STATE_ROOT_MISMATCH`).
 */
export const ExecutorRefusalCode = {
  /** The block's parent is not in the block store (never applied here). */
  UnknownParent: "EXECUTOR_UNKNOWN_PARENT",
  /** The header's TxHash is not the tx trie root of the block's txs. */
  TxHashMismatch: "EXECUTOR_TX_HASH_MISMATCH",
} as const;

/** One of the executor's refusal codes. */
export type ExecutorRefusalCode = (typeof ExecutorRefusalCode)[keyof typeof ExecutorRefusalCode];

/** The `reason` of a refusal: its code, then what was wrong. */
export function refusal(code: string, message: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason: `${code}: ${message}` };
}
