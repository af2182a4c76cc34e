/** Error and rejection codes of the elite-edge-node layer (docs/consensus.md §3.6). */

/** Why a received EEN vote or aggregate was not taken (stable codes). */
export const EenRejection = {
  /** No checkpoint is being aggregated yet. */
  NoCheckpoint: "EEN_NO_CHECKPOINT",
  /** The vote or aggregate names another block than the current checkpoint. */
  WrongCheckpoint: "EEN_WRONG_CHECKPOINT",
  /** A second vote of an edge node already counted for this checkpoint. */
  Duplicate: "EEN_DUPLICATE_VOTE",
  /** An address with no stake in the checkpoint's state, or not sampled for the checkpoint. */
  NotSampled: "EEN_NOT_SAMPLED",
  /** The (aggregated) signature does not verify, or is missing or not a curve point. */
  BadSignature: "EEN_BAD_SIGNATURE",
  /** Addresses not strictly ascending, lengths that differ, a zero multiplicity, or too many entries. */
  Malformed: "EEN_MALFORMED_AGGREGATE",
  /** The aggregate adds no edge node to the best one held (a subset): nothing to merge. */
  NoNewSigner: "EEN_NO_NEW_SIGNER",
  /** Summed multiplicities would exceed uint32. */
  Overflow: "EEN_MULTIPLICITY_OVERFLOW",
} as const;

/** One of the {@link EenRejection} codes. */
export type EenRejectionCode = (typeof EenRejection)[keyof typeof EenRejection];

/** Error codes thrown by the EEN layer. */
export const EenErrorCode = {
  /** An aggregate built or converted with a missing signature. */
  MissingSignature: "EEN_MISSING_SIGNATURE",
  /** An edge-node operation without a BLS key on this node. */
  NoBlsKey: "EEN_NO_BLS_KEY",
} as const;

/** What happened to a received vote or aggregate. */
export type EenOutcome =
  | { readonly ok: true; readonly kind: "adopted" | "merged" }
  | { readonly ok: false; readonly code: EenRejectionCode };

/** A rejection outcome. */
export const rejected = (code: EenRejectionCode): EenOutcome => ({ ok: false, code });
