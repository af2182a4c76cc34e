/**
 * Reading chain backup files: a first pass over the framing indexes every record (offset and
 * length, payloads dropped), then records are read one at a time in any order, so a large
 * segment is never held in memory whole (a backup lists its blocks highest first and an import
 * applies them lowest first).
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import {
  type HeaderForkHeights,
  isThetaError,
  RECORD_LENGTH_BYTES,
  readRecords,
  ThetaError,
} from "@theta/core-types";
import { type BackupBlock, ChainBackupErrorCode, decodeBackupBlock } from "./chainBackupFile.ts";

/** Where a record sits in its file. */
export interface RecordSpan {
  readonly index: number;
  readonly offset: number;
  readonly length: number;
}

/** A corrupt file: one line naming the file, where, and what is wrong. */
export function corruptFile(file: string, where: string, what: string, cause?: unknown): ThetaError {
  return new ThetaError(ChainBackupErrorCode.Corrupt, `${file}: ${where}: ${what}`, {
    details: { file },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Indexes the records of `file`; a truncated or oversized record is reported as corrupt. */
export async function indexRecords(file: string): Promise<RecordSpan[]> {
  const spans: RecordSpan[] = [];
  try {
    for await (const r of readRecords(createReadStream(file))) {
      spans.push({ index: r.index, offset: r.offset, length: r.payload.length });
    }
  } catch (e) {
    if (!isThetaError(e)) throw e;
    throw corruptFile(file, `after ${spans.length} complete records`, e.message, e);
  }
  return spans;
}

/** Opens `file` for reading records by span; `close` when done. */
export async function openRecordFile(
  file: string,
  forks: HeaderForkHeights,
): Promise<{ read(span: RecordSpan): Promise<BackupBlock>; close(): Promise<void> }> {
  const fh = await open(file, "r");
  return {
    async read(span) {
      const payload = new Uint8Array(span.length);
      const { bytesRead } = await fh.read(payload, 0, span.length, span.offset + RECORD_LENGTH_BYTES);
      if (bytesRead !== span.length) {
        throw corruptFile(
          file,
          `record ${span.index}`,
          `file changed while reading (${bytesRead} of ${span.length} bytes)`,
        );
      }
      try {
        return decodeBackupBlock(payload, forks);
      } catch (e) {
        if (!isThetaError(e)) throw e;
        throw corruptFile(file, `record ${span.index} (offset ${span.offset})`, e.message, e);
      }
    },
    close: () => fh.close(),
  };
}

/** Every block of `file` in file order (tests and small files). */
export async function readBackupFile(file: string, forks: HeaderForkHeights): Promise<BackupBlock[]> {
  const spans = await indexRecords(file);
  const f = await openRecordFile(file, forks);
  try {
    const out: BackupBlock[] = [];
    for (const s of spans) out.push(await f.read(s));
    return out;
  } finally {
    await f.close();
  }
}
