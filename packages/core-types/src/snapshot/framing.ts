/**
 * Record framing of Theta snapshot and chain-backup files: each record is a u64 little-endian
 * payload length followed by the payload (an RLP item). The reader works incrementally over an
 * async iterable of chunks, so a multi-GB file is never held in memory whole.
 */
import { ThetaError } from "../errors.ts";
import { SnapshotErrorCode } from "./errors.ts";

/** Size of the length prefix. */
export const RECORD_LENGTH_BYTES = 8;

/** Default upper bound on one record's payload (a guard against corrupt length prefixes). */
export const DEFAULT_MAX_RECORD_SIZE = 256 * 1024 * 1024;

/** One framed record: its position in the file and its payload bytes. */
export interface RawRecord {
  /** 0-based record number in the file. */
  readonly index: number;
  /** Byte offset of the record's length prefix. */
  readonly offset: number;
  readonly payload: Uint8Array;
}

/** Options of the record reader. */
export interface ReadRecordsOptions {
  /** Largest payload accepted; larger declared lengths fail with `SNAPSHOT_RECORD_TOO_LARGE`. */
  readonly maxRecordSize?: number;
}

/** A FIFO of byte chunks from which exact-length slices are taken. */
class ChunkQueue {
  private readonly chunks: Uint8Array[] = [];
  private head = 0;
  size = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const avail = c.length - this.head;
      const want = Math.min(avail, n - filled);
      out.set(c.subarray(this.head, this.head + want), filled);
      filled += want;
      this.head += want;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.size -= n;
    return out;
  }
}

function readLength(prefix: Uint8Array): bigint {
  return new DataView(prefix.buffer, prefix.byteOffset, RECORD_LENGTH_BYTES).getBigUint64(0, true);
}

function truncated(
  index: number,
  offset: number,
  what: string,
  have: number,
  need: number | bigint,
): ThetaError {
  return new ThetaError(
    SnapshotErrorCode.Truncated,
    `record ${index} (offset ${offset}): input ends inside the ${what}: ${have} of ${need} bytes`,
    { details: { record: index, offset } },
  );
}

/**
 * Splits a byte stream into records. Ends cleanly only at a record boundary; anything else
 * throws `SNAPSHOT_TRUNCATED` naming the record.
 */
export async function* readRecords(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ReadRecordsOptions = {},
): AsyncGenerator<RawRecord> {
  const max = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const queue = new ChunkQueue();
  let index = 0;
  let offset = 0;
  let pending: number | undefined; // payload length of the record whose prefix was read
  const drain = function* (): Generator<RawRecord> {
    for (;;) {
      if (pending === undefined) {
        if (queue.size < RECORD_LENGTH_BYTES) return;
        const len = readLength(queue.take(RECORD_LENGTH_BYTES));
        if (len > BigInt(max)) {
          throw new ThetaError(
            SnapshotErrorCode.RecordTooLarge,
            `record ${index} (offset ${offset}): declared length ${len} exceeds the limit of ${max} bytes`,
            { details: { record: index, offset } },
          );
        }
        pending = Number(len);
      }
      if (queue.size < pending) return;
      const payload = queue.take(pending);
      yield { index, offset, payload };
      offset += RECORD_LENGTH_BYTES + pending;
      index++;
      pending = undefined;
    }
  };
  for await (const chunk of chunks) {
    queue.push(chunk);
    yield* drain();
  }
  if (pending !== undefined) throw truncated(index, offset, "payload", queue.size, pending);
  if (queue.size > 0) throw truncated(index, offset, "length prefix", queue.size, RECORD_LENGTH_BYTES);
}

/** Frames one payload: u64 LE length then the bytes. */
export function frameRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_LENGTH_BYTES + payload.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(payload.length), true);
  out.set(payload, RECORD_LENGTH_BYTES);
  return out;
}

/**
 * Adapts a pull-based `read(n)` port (returning up to `n` bytes, and an empty array at the end)
 * to the chunk iterable the reader takes.
 */
export async function* chunksFromReader(
  read: (maxBytes: number) => Promise<Uint8Array>,
  chunkSize = 1 << 20,
): AsyncGenerator<Uint8Array> {
  for (;;) {
    const chunk = await read(chunkSize);
    if (chunk.length === 0) return;
    yield chunk;
  }
}
