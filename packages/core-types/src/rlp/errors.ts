/** Stable error codes of the RLP codec. Decoding rejects exactly what go-ethereum's rlp rejects. */
export const RlpErrorCode = {
  /** A declared length runs past the end of the input. */
  Truncated: "RLP_TRUNCATED",
  /** A length prefix is not in its shortest form, or a single byte below 0x80 is wrapped as a string. */
  NonCanonicalSize: "RLP_NON_CANONICAL_SIZE",
  /** An integer has a leading zero byte (zero itself must be the empty string 0x80). */
  NonCanonicalInt: "RLP_NON_CANONICAL_INT",
  /** An integer does not fit the target width. */
  IntOverflow: "RLP_INT_OVERFLOW",
  /** Bytes remain after the single item that was expected. */
  TrailingBytes: "RLP_TRAILING_BYTES",
  /** A string was found where a list was expected, or the reverse. */
  WrongKind: "RLP_WRONG_KIND",
  /** A list has more or fewer elements than the type declares. */
  WrongElementCount: "RLP_WRONG_ELEMENT_COUNT",
  /** A fixed-size byte array has the wrong length. */
  WrongLength: "RLP_WRONG_LENGTH",
  /** A boolean is neither 0x80 nor 0x01. */
  InvalidBool: "RLP_INVALID_BOOL",
  /** Lists nest deeper than any Theta structure does (a guard against stack exhaustion). */
  TooDeep: "RLP_TOO_DEEP",
  /** A value cannot be encoded (a negative integer, for example). */
  Unencodable: "RLP_UNENCODABLE",
} as const;

export type RlpErrorCode = (typeof RlpErrorCode)[keyof typeof RlpErrorCode];
