/** Error codes of snapshot export and of the contract-storage part of snapshot import. */
export const SnapshotStateErrorCode = {
  /** A contract's rebuilt storage root differs from the `root` of its account record. */
  StorageRootMismatch: "LEDGER_SNAPSHOT_STORAGE_ROOT_MISMATCH",
  /** A nested SVStart block that does not follow an account record, or nesting deeper than one level. */
  StrayStorageBlock: "LEDGER_SNAPSHOT_STRAY_STORAGE_BLOCK",
  /** A record of the account whose storage block is expected is not a valid account. */
  BadAccountRecord: "LEDGER_SNAPSHOT_BAD_ACCOUNT_RECORD",
  /** Export arguments that disagree (version without a last checkpoint, height mismatch). */
  BadExportInput: "LEDGER_SNAPSHOT_BAD_EXPORT_INPUT",
} as const;

/** One of the snapshot state error codes. */
export type SnapshotStateErrorCode = (typeof SnapshotStateErrorCode)[keyof typeof SnapshotStateErrorCode];
