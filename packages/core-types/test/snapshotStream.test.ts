import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak_256 } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BlockHeader,
  bytesToHex,
  chunksFromReader,
  createSnapshotWriter,
  decodeBlock,
  frameRecord,
  hexToBytes,
  isThetaError,
  MAINNET_HEADER_FORKS,
  openSnapshot,
  readRecords,
  SnapshotErrorCode,
  type SnapshotMetadata,
  type SnapshotStateEntry,
} from "../src/index.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const REAL = readFileSync(resolve(repoRoot, "../shared/conformance/theta-privatenet/node/snapshot"));
const forks = MAINNET_HEADER_FORKS;

async function drain(chunks: Iterable<Uint8Array>): Promise<SnapshotStateEntry[]> {
  const snap = await openSnapshot(chunks, { forks });
  const out: SnapshotStateEntry[] = [];
  for await (const e of snap.entries) out.push(e);
  return out;
}

/** Runs `f`; resolves to the ThetaError code it threw, or "ok". Any other exception fails the test. */
async function outcome(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
    return "ok";
  } catch (e) {
    if (!isThetaError(e)) throw e;
    return e.code;
  }
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe("snapshot writer", () => {
  it("re-writes the privatenet snapshot byte for byte", async () => {
    const snap = await openSnapshot(chunked(REAL, 4096), { forks });
    const hasher = keccak_256.create();
    let written = 0;
    const w = createSnapshotWriter(
      {
        write(b) {
          hasher.update(b);
          written += b.length;
        },
      },
      { forks },
    );
    await w.writeMetadata(snap.metadata);
    for await (const e of snap.entries) {
      if (e.kind === "svStart") await w.svStart(e.height);
      else if (e.kind === "svEnd") await w.svEnd(e.height);
      else await w.writeRecord(e.key, e.value);
    }
    await w.finish();
    expect(written).toBe(REAL.length);
    expect(bytesToHex(hasher.digest())).toBe(bytesToHex(keccak_256(REAL)));
  });

  it("writes and reads back versions 2 and 3", async () => {
    const first = await openSnapshot([REAL.subarray(0, 2000)], { forks }).catch(() => undefined);
    expect(first).toBeDefined();
    const metadata: SnapshotMetadata = first!.metadata;
    const header: BlockHeader = metadata.tailTrio.second.header;
    for (const version of [2n, 3n]) {
      const parts: Uint8Array[] = [];
      const w = createSnapshotWriter({ write: (b) => void parts.push(b) }, { forks });
      await w.writeHeader(version);
      await w.writeLastCheckpoint({ checkpointHeader: header, intermediateHeaders: [header, header] });
      await w.writeMetadata(metadata);
      if (version === 2n) await w.svStart(5n);
      await w.writeRecord(hexToBytes("aabb"), hexToBytes("ccdd"));
      if (version === 2n) await w.svEnd(5n);
      await w.finish();
      const snap = await openSnapshot(parts, { forks });
      expect(snap.version).toBe(version);
      expect(snap.lastCheckpoint?.intermediateHeaders).toHaveLength(2);
      expect(snap.metadata).toEqual(metadata);
      const entries: SnapshotStateEntry[] = [];
      for await (const e of snap.entries) entries.push(e);
      expect(entries.map((e) => e.kind)).toEqual(
        version === 2n ? ["svStart", "record", "svEnd"] : ["trieNode"],
      );
    }
  });

  it("rejects out-of-order calls", async () => {
    const w = createSnapshotWriter({ write: () => {} }, { forks });
    await expect(w.writeRecord(hexToBytes("aa"), hexToBytes("bb"))).rejects.toThrow(
      /follow the metadata|SVStart/,
    );
    await expect(w.svEnd(1n)).rejects.toThrow(/SVEnd/);
    await expect(w.finish()).rejects.toThrow(/no metadata/);
    await w.writeHeader(2n);
    await expect(
      w.writeMetadata(await openSnapshot([REAL], { forks }).then((s) => s.metadata)),
    ).rejects.toThrow(/last checkpoint/);
  });
});

describe("snapshot reader on bad input", () => {
  it("names the record of a truncated payload", async () => {
    const cut = REAL.subarray(0, REAL.length - 3);
    const err = await drain([cut]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isThetaError(err, SnapshotErrorCode.Truncated)).toBe(true);
    expect((err as Error).message).toMatch(/^record 25957 /);
  });

  it("a file cut at a record boundary leaves a store view open", async () => {
    const records: number[] = [];
    for await (const r of readRecords([REAL])) {
      records.push(r.offset);
      if (records.length === 5) break;
    }
    expect(records.length).toBeGreaterThan(2);
    const boundary = records[records.length - 1]!;
    expect(await outcome(() => drain([REAL.subarray(0, boundary)]))).toBe(
      SnapshotErrorCode.UnbalancedMarkers,
    );
  });

  it("rejects absurd record lengths before allocating", async () => {
    const bad = new Uint8Array(16).fill(0xff);
    expect(await outcome(() => drain([bad]))).toBe(SnapshotErrorCode.RecordTooLarge);
    expect(await outcome(() => drain([]))).toBe(SnapshotErrorCode.MissingMetadata);
  });

  it("a corrupt metadata record names its index", async () => {
    const bad = frameRecord(hexToBytes("c3010203"));
    const err = await drain([bad]).catch((e: unknown) => e);
    expect(isThetaError(err, SnapshotErrorCode.CorruptRecord)).toBe(true);
    expect((err as Error).message).toMatch(/^record 0 \(metadata\)/);
  });

  it("truncated real input at any point fails with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: REAL.length - 1 }),
        fc.integer({ min: 4096, max: 1 << 20 }),
        async (n, size) => {
          const code = await outcome(() => drain(chunked(REAL.subarray(0, n), size)));
          expect(code).not.toBe("ok");
        },
      ),
      { numRuns: 12 },
    );
  });

  it("random bytes decode or fail with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await outcome(() => drain([bytes]));
      }),
      { numRuns: 2000 },
    );
  });

  it("random framed payloads decode or fail with a typed error", async () => {
    const metadataRecord = (await readRecords([REAL.subarray(0, 2000)]).next()).value!.payload;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), async (payloads) => {
        const parts = [frameRecord(metadataRecord), ...payloads.map(frameRecord)];
        await outcome(() => drain(parts));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads through a pull-based read(n) port", async () => {
    let pos = 0;
    const read = async (n: number) => {
      const out = REAL.subarray(pos, Math.min(REAL.length, pos + n));
      pos += out.length;
      return out;
    };
    const snap = await openSnapshot(chunksFromReader(read, 100_000), { forks });
    let count = 0;
    for await (const _ of snap.entries) count++;
    expect(count).toBe(25_957);
    expect(decodeBlock).toBeTypeOf("function");
  });
});
