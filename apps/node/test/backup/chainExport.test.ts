import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { bytesToHex, encodeExtendedBlock, type Hash, type Vote, ZERO_HASH } from "@theta/core-types";
import { createMemoryKvStore } from "@theta/trie-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainFileName, parseChainFileName } from "../../src/backup/chainBackupFile.ts";
import { exportChainBackup } from "../../src/backup/chainExport.ts";
import { readBackupFile } from "../../src/backup/chainFileReader.ts";
import type { ChainBlockStore } from "../../src/store/blockStore.ts";
import { blockStoreOn, extended, forks, makeBlock } from "../store/helpers.ts";

const NOW = 1_700_000_000n; // 2023-11-14
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "theta-chain-export-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const vote = (block: Hash, height: bigint, id: number): Vote => ({
  block,
  height,
  epoch: height,
  id: new Uint8Array(20).fill(id),
  signature: new Uint8Array(65).fill(id),
});

/** Blocks from `from` to `to`, each certifying its parent with two votes, all finalized. */
async function finalizedChain(store: ChainBlockStore, from: bigint, to: bigint): Promise<Hash[]> {
  const hashes: Hash[] = [];
  let parent: Hash = ZERO_HASH;
  for (let h = from; h <= to; h++) {
    const b = makeBlock(h, parent);
    const hcc =
      h === from
        ? b.header.hcc
        : { blockHash: parent, votes: [vote(parent, h - 1n, 1), vote(parent, h - 1n, 2)] };
    const hash = await store.put(extended({ ...b, header: { ...b.header, hcc } }));
    hashes.push(hash);
    parent = hash;
  }
  await store.markFinalized(hashes[hashes.length - 2]!);
  return hashes;
}

describe("exportChainBackup", () => {
  it("writes the finalized blocks end..start, highest first, each with the votes of the child certifying it", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const hashes = await finalizedChain(store, 0n, 12n); // 0..11 finalized, 12 valid on top
    const r = await exportChainBackup(
      { blocks: store, forks, nowSeconds: () => NOW },
      { start: 2n, end: 50n, configDir: dir },
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.value.actualStartHeight).toBe(2n);
    expect(r.value.actualEndHeight).toBe(11n);
    expect(r.value.chainFile).toBe(join(dir, "backup", "chain", "theta_chain-2-11-2023-11-14"));
    const records = await readBackupFile(r.value.chainFile, forks);
    expect(records.map((x) => x.block.block.header.height)).toEqual([
      11n,
      10n,
      9n,
      8n,
      7n,
      6n,
      5n,
      4n,
      3n,
      2n,
    ]);
    for (const rec of records) {
      const h = Number(rec.block.block.header.height);
      const stored = (await store.get(hashes[h]!))!;
      expect(bytesToHex(encodeExtendedBlock(rec.block, forks))).toBe(
        bytesToHex(encodeExtendedBlock(stored, forks)),
      );
      const child = (await store.get(hashes[h + 1]!))!;
      expect(rec.votes).toEqual(child.block.header.hcc.votes);
      expect(rec.votes).toHaveLength(2);
      expect(rec.votes.every((v) => bytesToHex(v.block) === bytesToHex(hashes[h]!))).toBe(true);
    }
  });

  it("names the file after the lowest block written when the node's chain starts above `start`", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    await finalizedChain(store, 5n, 9n);
    const r = await exportChainBackup(
      { blocks: store, forks, nowSeconds: () => NOW },
      { start: 1n, end: 8n, configDir: dir },
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.value.actualStartHeight).toBe(5n);
    expect(basename(r.value.chainFile)).toBe(chainFileName(5n, 8n, NOW));
    expect(await readdir(join(dir, "backup", "chain"))).not.toContain(chainFileName(1n, 8n, NOW));
    expect((await readBackupFile(r.value.chainFile, forks)).map((x) => x.block.block.header.height)).toEqual([
      8n,
      7n,
      6n,
      5n,
    ]);
  });

  it("refuses start > end and a range with no finalized block, with the reference's messages", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    await finalizedChain(store, 0n, 3n);
    const deps = { blocks: store, forks, nowSeconds: () => NOW };
    const bad = await exportChainBackup(deps, { start: 5n, end: 4n, configDir: dir });
    expect(bad).toMatchObject({ ok: false, message: "start height must be <= end height" });
    const none = await exportChainBackup(deps, { start: 3n, end: 3n, configDir: dir });
    expect(none).toMatchObject({ ok: false, message: "There's no finalized block between height 3 and 3" });
  });

  it("file names parse back to their heights", () => {
    expect(parseChainFileName(chainFileName(7n, 1234n, NOW))).toEqual({ start: 7n, end: 1234n });
    expect(parseChainFileName("theta_snapshot-1-0xab-2023-01-01")).toBeUndefined();
  });
});
