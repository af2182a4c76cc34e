/**
 * Snapshot writer for the same format the reader takes: it frames each record and passes the
 * bytes to a sink port (a file stream in apps, an array in tests), checking the record order.
 */
import type { HeaderForkHeights } from "../block/forks.ts";
import { ThetaError } from "../errors.ts";
import { rlpEncode } from "../rlp/index.ts";
import { SnapshotErrorCode } from "./errors.ts";
import { frameRecord } from "./framing.ts";
import { encodeMarkerHeight, markerKind, SV_END_KEY, SV_START_KEY } from "./markers.ts";
import {
  type LastCheckpoint,
  lastCheckpointToItem,
  metadataToItem,
  SNAPSHOT_MAGIC,
  type SnapshotMetadata,
  snapshotHeaderToItem,
  trieRecordToItem,
} from "./types.ts";

/** Where framed records go. */
export interface SnapshotSink {
  /** Receives the next bytes of the file, in order. */
  write(bytes: Uint8Array): void | Promise<void>;
}

/** Writes one snapshot, in order: [header], [last checkpoint], metadata, state records. */
export interface SnapshotWriter {
  /** Optional first record; without it the file is version 1. */
  writeHeader(version: bigint): Promise<void>;
  /** Required next when the header's version is ≥ 2. */
  writeLastCheckpoint(checkpoint: LastCheckpoint): Promise<void>;
  /** Writes the metadata record (first, once). */
  writeMetadata(metadata: SnapshotMetadata): Promise<void>;
  /** Opens a store view at `height` (v1/v2). */
  svStart(height: bigint): Promise<void>;
  /** Closes the innermost store view, which must have been opened at `height`. */
  svEnd(height: bigint): Promise<void>;
  /** A state key/value (v1/v2) or trie node (v3/v4). */
  writeRecord(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** Checks that the file is complete (metadata written, every store view closed). */
  finish(): Promise<void>;
}

/** Options of the snapshot writer. */
export interface SnapshotWriterOptions {
  readonly forks: HeaderForkHeights;
}

type Phase = "start" | "header" | "checkpoint" | "state";

/** Creates a writer over `sink`. Out-of-order calls throw `SNAPSHOT_WRITER_STATE`. */
export function createSnapshotWriter(sink: SnapshotSink, options: SnapshotWriterOptions): SnapshotWriter {
  let phase: Phase = "start";
  let version = 1n;
  let index = 0;
  const open: bigint[] = [];
  const fail = (message: string): never => {
    throw new ThetaError(SnapshotErrorCode.WriterState, `record ${index}: ${message}`, {
      details: { record: index },
    });
  };
  const emit = async (payload: Uint8Array): Promise<void> => {
    await sink.write(frameRecord(payload));
    index++;
  };
  const stateRecord = async (key: Uint8Array, value: Uint8Array): Promise<void> => {
    if (phase !== "state") fail("state records must follow the metadata");
    await emit(rlpEncode(trieRecordToItem({ key, value })));
  };
  const markersAllowed = (): void => {
    if (version >= 3n) fail(`version ${version} snapshots carry no SVStart/SVEnd markers`);
  };
  return {
    async writeHeader(v) {
      if (phase !== "start") fail("the header must be the first record");
      version = v;
      phase = "header";
      await emit(rlpEncode(snapshotHeaderToItem({ magic: SNAPSHOT_MAGIC, version: v })));
    },
    async writeLastCheckpoint(checkpoint) {
      if (phase !== "header" || version < 2n) fail("a last checkpoint follows a version ≥ 2 header");
      phase = "checkpoint";
      await emit(rlpEncode(lastCheckpointToItem(checkpoint, options.forks)));
    },
    async writeMetadata(metadata) {
      if (phase === "state") fail("metadata written twice");
      if (version >= 2n && phase !== "checkpoint")
        fail("a version ≥ 2 snapshot needs the last checkpoint first");
      phase = "state";
      await emit(rlpEncode(metadataToItem(metadata, options.forks)));
    },
    async svStart(height) {
      markersAllowed();
      await stateRecord(SV_START_KEY, encodeMarkerHeight(height));
      open.push(height);
    },
    async svEnd(height) {
      markersAllowed();
      const start = open[open.length - 1];
      if (start !== height)
        fail(`SVEnd at height ${height} does not close SVStart at height ${start ?? "(none)"}`);
      await stateRecord(SV_END_KEY, encodeMarkerHeight(height));
      open.pop();
    },
    async writeRecord(key, value) {
      if (version < 3n && open.length === 0) fail("state records go inside an SVStart/SVEnd block");
      if (version < 3n && markerKind(key) !== undefined)
        fail("a state key of 0x00 or 0x01 would read back as a marker");
      await stateRecord(key, value);
    },
    async finish() {
      if (phase !== "state") fail("the snapshot has no metadata record");
      if (open.length > 0) fail(`${open.length} SVStart block(s) still open`);
    },
  };
}
