/**
 * Genesis from a Theta snapshot (docs/interfaces.md §5.1): streams the logical key/value records of a
 * v1/v2 snapshot into an empty state and checks the resulting root against the snapshot block's
 * state hash. Contract storage nested under its account (a SVStart…SVEnd block right after the
 * account record) is rebuilt into the account's storage trie and checked against its `root`.
 */
import {
  type BlockHeader,
  bytesToHex,
  EMPTY_ROOT_HASH,
  equalBytes,
  type HeaderForkHeights,
  openSnapshot,
  type SnapshotMetadata,
  ThetaError,
} from "@theta/core-types";
import type { TrieDatabase } from "../ports.ts";
import { StateErrorCode } from "./errors.ts";
import { createStorageNesting } from "./snapshotStorage.ts";
import { openStateView, type StateView } from "./stateView.ts";

/** Options of a snapshot import. */
export interface SnapshotImportOptions {
  /** Fork heights deciding each header's layout (the reference's heights for real files). */
  readonly forks: HeaderForkHeights;
  /** Records per commit (bounds memory of uncommitted nodes); default 5,000. */
  readonly commitEvery?: number;
}

/** The state built from a snapshot, and what the snapshot says about its block. */
export interface ImportedSnapshot {
  readonly state: StateView;
  /** The snapshot block's header (`TailTrio.Second`). */
  readonly header: BlockHeader;
  readonly metadata: SnapshotMetadata;
  /** Number of state key/value records written (outside storage blocks). */
  readonly records: number;
  /** Number of contract storage records written. */
  readonly storageRecords: number;
}

/**
 * Imports a snapshot stream into a fresh state in `db`. Throws `LEDGER_GENESIS_ROOT_MISMATCH`
 * when the root differs from the header's state hash, `LEDGER_SNAPSHOT_*` on a contract storage
 * block that does not match its account, and the reader's `SNAPSHOT_*` errors on corrupt input.
 */
export async function importSnapshot(
  deps: { readonly db: TrieDatabase },
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: SnapshotImportOptions,
): Promise<ImportedSnapshot> {
  const snap = await openSnapshot(chunks, { forks: options.forks });
  const header = snap.metadata.tailTrio.second.header;
  const state = await openStateView(deps, EMPTY_ROOT_HASH);
  const every = options.commitEvery ?? 5000;
  let records = 0;
  const nesting = createStorageNesting(deps.db, (k, v) => state.trie.put(k, v), every);
  let depth = 0;
  for await (const entry of snap.entries) {
    if (entry.kind === "trieNode") {
      throw new ThetaError(
        StateErrorCode.GenesisUnsupportedSnapshot,
        `snapshot version ${snap.version}: trie-node records are not supported; expected a v1/v2 snapshot of key/value records`,
        { details: { version: snap.version.toString() } },
      );
    }
    if (entry.kind === "svStart") {
      if (depth > 0) await nesting.open(entry.index, depth);
      depth++;
      continue;
    }
    if (entry.kind === "svEnd") {
      depth--;
      await nesting.close(entry.index, depth);
      continue;
    }
    if (depth > 1) {
      await nesting.storageRecord(entry.key, entry.value);
      continue;
    }
    await nesting.stateRecord(entry.index, entry.key, entry.value);
    records++;
    if (records % every === 0) await state.commit();
  }
  const root = await state.commit();
  if (!equalBytes(root, header.stateHash)) {
    throw new ThetaError(
      StateErrorCode.GenesisRootMismatch,
      `snapshot state root: expected the header's state hash 0x${bytesToHex(header.stateHash)}, got 0x${bytesToHex(root)}`,
      { details: { expected: bytesToHex(header.stateHash), actual: bytesToHex(root) } },
    );
  }
  return { state, header, metadata: snap.metadata, records, storageRecords: nesting.storageRecords() };
}
