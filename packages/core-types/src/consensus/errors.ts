/** Stable error codes of the consensus wire types and the snapshot reader. */
export const ConsensusErrorCode = {
  /** A BLS signature field is neither empty (nil) nor 96 bytes. */
  BadBlsSignature: "CONSENSUS_BAD_BLS_SIGNATURE",
  /** An ExtendedBlock status byte is outside 0..7. */
  BadBlockStatus: "CONSENSUS_BAD_BLOCK_STATUS",
  /** A multiplicity does not fit uint32. */
  BadMultiplicity: "CONSENSUS_BAD_MULTIPLICITY",
  /** A sync message is too short or has an unknown message id. */
  BadMessage: "CONSENSUS_BAD_MESSAGE",
  /** A value cannot be encoded (a height above 2^64 − 1, for example). */
  Unencodable: "CONSENSUS_UNENCODABLE",
} as const;

export type ConsensusErrorCode = (typeof ConsensusErrorCode)[keyof typeof ConsensusErrorCode];
