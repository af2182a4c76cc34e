/**
 * Snapshot export (docs/interfaces.md §8, v1/v2 layout): the metadata (proof trios and the tail trio
 * whose second header is the snapshot block), then one SVStart…SVEnd block with every state
 * key/value; each contract account record is followed by a nested SVStart…SVEnd block with its
 * storage trie's key/values. Pure: bytes go to a sink port (`createSnapshotWriter`'s).
 */
import {
  bytesToHex,
  createSnapshotWriter,
  equalBytes,
  type Hash,
  type HeaderForkHeights,
  type LastCheckpoint,
  type SnapshotMetadata,
  type SnapshotSink,
  ThetaError,
} from "@theta/core-types";
import type { TrieDatabase } from "../ports.ts";
import { SnapshotStateErrorCode } from "./snapshotErrors.ts";
import { accountOfRecord, isAccountKey, isEmptyRoot } from "./snapshotStorage.ts";

/** What to export: the state at the snapshot block and the block's proof metadata. */
export interface SnapshotExportInput {
  /** State root of the snapshot block (`metadata.tailTrio.second.header.stateHash`). */
  readonly stateRoot: Hash;
  readonly metadata: SnapshotMetadata;
  /** 1 (no header record) or 2 (header and last checkpoint); default 1. */
  readonly version?: 1n | 2n;
  /** Required for version 2. */
  readonly lastCheckpoint?: LastCheckpoint;
}

/** Options of the exporter. */
export interface SnapshotExportOptions {
  /** Fork heights deciding each header's layout. */
  readonly forks: HeaderForkHeights;
}

/** Counts of what was written. */
export interface SnapshotExportResult {
  readonly records: number;
  readonly storageRecords: number;
  readonly contracts: number;
}

function badInput(message: string): ThetaError {
  return new ThetaError(SnapshotStateErrorCode.BadExportInput, message);
}

/**
 * Writes the state at `input.stateRoot` from `deps.db` as a snapshot to `sink`. Throws
 * `LEDGER_SNAPSHOT_BAD_EXPORT_INPUT` when the root is not the snapshot block's state hash or a
 * version-2 export has no last checkpoint.
 */
export async function exportSnapshot(
  deps: { readonly db: TrieDatabase },
  sink: SnapshotSink,
  input: SnapshotExportInput,
  options: SnapshotExportOptions,
): Promise<SnapshotExportResult> {
  const header = input.metadata.tailTrio.second.header;
  if (!equalBytes(header.stateHash, input.stateRoot)) {
    throw badInput(
      `stateRoot: expected the snapshot block's state hash 0x${bytesToHex(header.stateHash)}, got 0x${bytesToHex(input.stateRoot)}`,
    );
  }
  const version = input.version ?? 1n;
  const writer = createSnapshotWriter(sink, { forks: options.forks });
  if (version === 2n) {
    if (input.lastCheckpoint === undefined)
      throw badInput("lastCheckpoint: required for a version 2 snapshot");
    await writer.writeHeader(2n);
    await writer.writeLastCheckpoint(input.lastCheckpoint);
  }
  await writer.writeMetadata(input.metadata);
  const height = header.height;
  const state = await deps.db.openTrie(input.stateRoot);
  let records = 0;
  let storageRecords = 0;
  let contracts = 0;
  await writer.svStart(height);
  for await (const [key, value] of state.entries(new Uint8Array(0))) {
    await writer.writeRecord(key, value);
    records++;
    if (!isAccountKey(key)) continue;
    const account = accountOfRecord(records, value);
    if (isEmptyRoot(account.root)) continue;
    contracts++;
    await writer.svStart(height);
    const storage = await deps.db.openTrie(account.root);
    for await (const [k, v] of storage.entries(new Uint8Array(0))) {
      await writer.writeRecord(k, v);
      storageRecords++;
    }
    await writer.svEnd(height);
  }
  await writer.svEnd(height);
  await writer.finish();
  return { records, storageRecords, contracts };
}
