/** Stable error codes of the snapshot reader and writer. Messages name the record index. */
export const SnapshotErrorCode = {
  /** The input ends inside a record's length prefix or payload. */
  Truncated: "SNAPSHOT_TRUNCATED",
  /** A record's declared length exceeds the reader's limit (a corrupt length prefix). */
  RecordTooLarge: "SNAPSHOT_RECORD_TOO_LARGE",
  /** A record's payload is not the RLP the format requires at that position. */
  CorruptRecord: "SNAPSHOT_CORRUPT_RECORD",
  /** The file ends before the metadata record. */
  MissingMetadata: "SNAPSHOT_MISSING_METADATA",
  /** SVStart/SVEnd markers do not pair up (an end without a start, mismatched heights, or open at EOF). */
  UnbalancedMarkers: "SNAPSHOT_UNBALANCED_MARKERS",
  /** A writer call out of order (a header after other records, for example). */
  WriterState: "SNAPSHOT_WRITER_STATE",
} as const;

export type SnapshotErrorCode = (typeof SnapshotErrorCode)[keyof typeof SnapshotErrorCode];
