import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { txTrieRoot } from "@theta/chain";
import { bytesToHex, type Hash, ok, ZERO_HASH } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { Ledger } from "@theta/ledger";
import { createMemoryKvStore } from "@theta/trie-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportChainCorrection, keptTxs } from "../../src/backup/chainCorrectionExport.ts";
import { readBackupFile } from "../../src/backup/chainFileReader.ts";
import { PRIVATENET_SECOND, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { sendTx } from "../e2e/txs.ts";
import { blockStoreOn, extended, forks, makeBlock } from "../store/helpers.ts";

const keccak = defaultCrypto.keccak256;
const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "theta-correction-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A ledger whose state root is keccak(parent root ‖ each kept tx): the test knows what to expect. */
const fakeRoot = (parent: Hash, txs: readonly Uint8Array[]): Hash => {
  const parts = [parent, ...txs];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return keccak(all);
};
const fakeLedger = {
  profile: { maxValidatorCount: 31 },
  view: async () => ({ getVcp: async () => ({ sortedCandidates: [] }) }),
  applyBlock: async (root: Hash, _info: unknown, txs: readonly Uint8Array[]) =>
    ok({ stateRoot: fakeRoot(root, txs), outcomes: [], slashIntents: [] }),
} as unknown as Ledger;

const TX = [1n, 2n, 3n].map((s) => sendTx("privatenet", PRIVATENET_VALIDATOR, PRIVATENET_SECOND, s, 0n, s));

describe("exportChainCorrection", () => {
  it("rewrites snapshot+1..end without the excluded txs: new tx roots, re-applied state roots, parents and HCC to the snapshot", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const hashes: Hash[] = [];
    let parent: Hash = ZERO_HASH;
    for (let h = 0n; h <= 5n; h++) {
      const txs = h === 3n ? [TX[0]!, TX[1]!, new Uint8Array([1, 2, 3])] : h === 4n ? [TX[2]!] : [];
      const hash = await store.put(extended(makeBlock(h, parent, txs)));
      hashes.push(hash);
      parent = hash;
    }
    await store.markFinalized(hashes[5]!);
    const excluded = hex(keccak(TX[1]!));
    const r = await exportChainCorrection(
      { blocks: store, forks, keccak256: keccak, ledger: fakeLedger },
      { snapshotHeight: 2n, endBlockHash: hashes[5]!, configDir: dir, exclusionTxs: [excluded] },
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.value.chainCorrectionFile).toBe(
      join(dir, "backup", "chain_correction", "theta_chain_correction-2-5"),
    );
    const records = await readBackupFile(r.value.chainCorrectionFile, forks);
    expect(records.map((x) => x.block.block.header.height)).toEqual([5n, 4n, 3n]);
    expect(records.every((x) => x.votes.length === 0)).toBe(true);
    const up = [...records].reverse();
    const snapshot = (await store.get(hashes[2]!))!.block.header;
    expect(up[0]!.block.block.txs).toEqual([TX[0]]);
    expect(up[1]!.block.block.txs).toEqual([TX[2]]);
    let prevHash = hashes[2]!;
    let prevRoot = snapshot.stateHash;
    for (const [i, rec] of up.entries()) {
      const h = rec.block.block.header;
      expect(h.parent).toEqual(prevHash);
      expect(h.hcc.blockHash).toEqual(hashes[2]);
      expect(h.txHash).toEqual(txTrieRoot(rec.block.block.txs, keccak));
      expect(h.stateHash).toEqual(fakeRoot(prevRoot, rec.block.block.txs));
      const own = store.hashOf(h);
      expect(r.value.blockHashMap.get(h.height)).toBe(hex(own));
      expect(rec.block.children).toEqual(
        i < up.length - 1 ? [store.hashOf(up[i + 1]!.block.block.header)] : [],
      );
      prevHash = own;
      prevRoot = h.stateHash;
    }
  });

  it("refuses an unknown end block, an unfinalized one and a snapshot height at or above it", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const a = await store.put(extended(makeBlock(0n)));
    const b = await store.put(extended(makeBlock(1n, a)));
    const c = await store.put(extended(makeBlock(2n, b)));
    await store.markFinalized(b);
    const deps = { blocks: store, forks, keccak256: keccak, ledger: fakeLedger };
    const req = { snapshotHeight: 0n, configDir: dir, exclusionTxs: [] };
    const unknown = new Uint8Array(32).fill(9);
    expect(await exportChainCorrection(deps, { ...req, endBlockHash: unknown })).toMatchObject({
      message: `Can't find block for hash ${hex(unknown)}`,
    });
    expect(await exportChainCorrection(deps, { ...req, endBlockHash: c })).toMatchObject({
      message: `End Block ${hex(c)} is not finalized yet`,
    });
    expect(await exportChainCorrection(deps, { ...req, snapshotHeight: 1n, endBlockHash: b })).toMatchObject({
      message: "Start height must be < end height",
    });
  });

  it("keeps decodable txs that are neither excluded nor coinbase/stake txs", () => {
    const kept = keptTxs([TX[0]!, new Uint8Array([0xc0]), TX[1]!], new Set([hex(keccak(TX[0]!))]), keccak);
    expect(kept).toEqual([TX[1]]);
  });
});
