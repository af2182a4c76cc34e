/** Stable error codes of the EVM adapter. */
export const EvmAdapterErrorCode = {
  /** commit or revert without an open checkpoint (a bug in the caller). */
  NoCheckpoint: "EVM_NO_CHECKPOINT",
  /** A StateManager operation Theta's state does not support (state roots of the EVM's own trie). */
  Unsupported: "EVM_UNSUPPORTED",
} as const;

/** One of {@link EvmAdapterErrorCode}. */
export type EvmAdapterErrorCode = (typeof EvmAdapterErrorCode)[keyof typeof EvmAdapterErrorCode];
