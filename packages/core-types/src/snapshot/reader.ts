/**
 * Streaming snapshot reader. `openSnapshot` reads the optional header, the last checkpoint
 * (version ≥ 2) and the metadata, then hands back the state section as an async iterable, so
 * the caller (ledger import) consumes records one at a time.
 */
import type { HeaderForkHeights } from "../block/forks.ts";
import { isThetaError, ThetaError } from "../errors.ts";
import { type RlpItem, rlpDecode } from "../rlp/index.ts";
import { SnapshotErrorCode } from "./errors.ts";
import { type RawRecord, type ReadRecordsOptions, readRecords } from "./framing.ts";
import { decodeMarkerHeight, markerKind } from "./markers.ts";
import {
  type LastCheckpoint,
  lastCheckpointFromItem,
  metadataFromItem,
  SNAPSHOT_MAGIC,
  type SnapshotHeader,
  type SnapshotMetadata,
  snapshotHeaderFromItem,
  trieRecordFromItem,
} from "./types.ts";

/** Options of the snapshot reader. */
export interface SnapshotReaderOptions extends ReadRecordsOptions {
  /** Fork heights that decide each header's layout (the reference's heights for real files). */
  readonly forks: HeaderForkHeights;
}

/** One record of the state section. */
export type SnapshotStateEntry =
  | { readonly kind: "svStart"; readonly index: number; readonly height: bigint }
  | { readonly kind: "svEnd"; readonly index: number; readonly height: bigint }
  /** A logical state key/value (v1/v2). */
  | { readonly kind: "record"; readonly index: number; readonly key: Uint8Array; readonly value: Uint8Array }
  /** A raw trie node, hash → node RLP (v3/v4). */
  | {
      readonly kind: "trieNode";
      readonly index: number;
      readonly key: Uint8Array;
      readonly value: Uint8Array;
    };

/** What precedes the state section, and the state section itself. */
export interface OpenedSnapshot {
  /** 1 when the file has no header record. */
  readonly version: bigint;
  readonly header: SnapshotHeader | undefined;
  readonly lastCheckpoint: LastCheckpoint | undefined;
  readonly metadata: SnapshotMetadata;
  /** The state records, in file order; iterate once. Marker pairing is checked as it goes. */
  readonly entries: AsyncIterable<SnapshotStateEntry>;
}

function corrupt(index: number, what: string, message: string, cause?: unknown): ThetaError {
  return new ThetaError(SnapshotErrorCode.CorruptRecord, `record ${index} (${what}): ${message}`, {
    details: { record: index, what, ...(isThetaError(cause) ? { cause: cause.code } : {}) },
    cause,
  });
}

function decodeRecord<T>(rec: RawRecord, what: string, decode: (item: RlpItem) => T): T {
  try {
    return decode(rlpDecode(rec.payload));
  } catch (e) {
    if (!isThetaError(e)) throw e;
    throw corrupt(rec.index, what, e.message, e);
  }
}

function tryHeader(rec: RawRecord): SnapshotHeader | undefined {
  try {
    const h = snapshotHeaderFromItem(rlpDecode(rec.payload));
    return h.magic === SNAPSHOT_MAGIC ? h : undefined;
  } catch (e) {
    if (!isThetaError(e)) throw e;
    return undefined;
  }
}

async function* stateEntries(
  records: AsyncIterator<RawRecord>,
  version: bigint,
): AsyncGenerator<SnapshotStateEntry> {
  const open: bigint[] = [];
  let last = -1;
  for (;;) {
    const next = await records.next();
    if (next.done === true) break;
    const rec = next.value;
    last = rec.index;
    const { key, value } = decodeRecord(rec, "state record", (item) => trieRecordFromItem(item));
    if (version >= 3n) {
      yield { kind: "trieNode", index: rec.index, key, value };
      continue;
    }
    const marker = markerKind(key);
    if (marker === undefined) {
      if (open.length === 0) throw unbalanced(rec.index, "a state record outside any SVStart/SVEnd block");
      yield { kind: "record", index: rec.index, key, value };
      continue;
    }
    const height = decodeMarkerHeight(value);
    if (height === undefined) {
      throw corrupt(rec.index, marker, `expected an 8-byte little-endian height, got ${value.length} bytes`);
    }
    if (marker === "svStart") {
      open.push(height);
    } else {
      const start = open.pop();
      if (start === undefined) throw unbalanced(rec.index, "SVEnd without an SVStart");
      if (start !== height)
        throw unbalanced(rec.index, `SVEnd height ${height} does not match SVStart height ${start}`);
    }
    yield { kind: marker, index: rec.index, height };
  }
  if (open.length > 0) throw unbalanced(last + 1, `input ends with ${open.length} SVStart block(s) open`);
}

function unbalanced(index: number, message: string): ThetaError {
  return new ThetaError(SnapshotErrorCode.UnbalancedMarkers, `record ${index}: ${message}`, {
    details: { record: index },
  });
}

/**
 * Opens a snapshot from a stream of byte chunks (a file read stream, or `chunksFromReader`).
 * Throws a ThetaError (`SNAPSHOT_*`) naming the record on truncated or corrupt input.
 */
export async function openSnapshot(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: SnapshotReaderOptions,
): Promise<OpenedSnapshot> {
  const records = readRecords(chunks, options);
  const pull = async (what: string): Promise<RawRecord> => {
    const next = await records.next();
    if (next.done === true) {
      throw new ThetaError(SnapshotErrorCode.MissingMetadata, `input ends before the ${what} record`, {
        details: { what },
      });
    }
    return next.value;
  };
  let rec = await pull("metadata");
  const header = tryHeader(rec);
  const version = header?.version ?? 1n;
  if (header !== undefined) rec = await pull(version >= 2n ? "last checkpoint" : "metadata");
  let lastCheckpoint: LastCheckpoint | undefined;
  if (version >= 2n) {
    lastCheckpoint = decodeRecord(rec, "last checkpoint", (i) => lastCheckpointFromItem(i, options.forks));
    rec = await pull("metadata");
  }
  const metadata = decodeRecord(rec, "metadata", (i) => metadataFromItem(i, options.forks));
  return { version, header, lastCheckpoint, metadata, entries: stateEntries(records, version) };
}
