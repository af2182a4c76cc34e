/** Typed errors of the header-first syncer, with stable codes. */
import { ThetaError } from "@theta/core-types";

/** Stable codes of sync messages a peer got wrong. */
export const SyncErrorCode = {
  /** The message did not decode (envelope, header, block or hash). */
  Malformed: "SYNC_MALFORMED",
  /** The message is larger, or carries more entries, than the protocol allows. */
  Oversized: "SYNC_OVERSIZED",
  /** A header or block of another chain id, or one that links to nothing known here. */
  WrongChain: "SYNC_WRONG_CHAIN",
  /** A block the engine found invalid. */
  InvalidBlock: "SYNC_INVALID_BLOCK",
  /** Requests not answered in time, repeatedly. */
  Timeout: "SYNC_TIMEOUT",
} as const;

/** One of {@link SyncErrorCode}. */
export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode];

/** A sync message a peer got wrong. */
export function syncError(code: SyncErrorCode, message: string): ThetaError {
  return new ThetaError(code, `sync: ${message}`);
}
