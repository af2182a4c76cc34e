/**
 * The vote check of the chain import (src/backup/blockImporter.ts): a block of a chain backup that
 * carries votes is applied only when they are signed by their voters, name the block, and come from
 * validators holding more than 2/3 of the stake of the set that certifies it; otherwise the import
 * stops with BACKUP_CHAIN_IMPORT_REJECTED before the block is executed. A correction file's blocks
 * (no votes checked) are not subject to it.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlockStatus, type Hash, isThetaError, type Vote, voteSignBytes } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createMemoryKvStore } from "@theta/trie-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BlockImportDeps, type ImportTip, importBlock } from "../../src/backup/blockImporter.ts";
import {
  type BackupBlock,
  ChainBackupErrorCode,
  encodeBackupBlock,
} from "../../src/backup/chainBackupFile.ts";
import { importChain } from "../../src/backup/chainImport.ts";
import type { ChainBlockStore } from "../../src/store/blockStore.ts";
import { blockStoreOn, extended, forks, makeBlock } from "../store/helpers.ts";

const crypto = defaultCrypto;
const keyOf = (fill: number) => {
  const sk = new Uint8Array(32).fill(fill);
  return { sk, address: crypto.privateKeyToAddress(sk) };
};
const [A, B, C, D] = [keyOf(1), keyOf(2), keyOf(3), keyOf(4)];
/** Three validators of equal stake: two of them hold exactly 2/3, which is not enough. */
const SET = [A, B, C].map((k) => ({ address: k.address, stake: 100n }));

function vote(block: Hash, signer: { sk: Uint8Array }, id: Uint8Array, height = 1n): Vote {
  const v: Vote = { block, height, epoch: height, id, signature: undefined };
  return { ...v, signature: crypto.sign(voteSignBytes(v), signer.sk) };
}

interface Fixture {
  deps: BlockImportDeps;
  store: ChainBlockStore;
  tip: ImportTip;
  record: (votes: (hash: Hash) => Vote[]) => BackupBlock;
  applied: Hash[];
}

async function fixture(): Promise<Fixture> {
  const store = blockStoreOn(createMemoryKvStore());
  const genesis = await store.put(extended(makeBlock(0n), BlockStatus.Trusted));
  await store.markFinalized(genesis, { status: BlockStatus.Trusted });
  const applied: Hash[] = [];
  const deps: BlockImportDeps = {
    blocks: store,
    executor: {
      validatorsFor: async () => SET,
      apply: async (_block, hash) => {
        applied.push(hash);
        return { ok: true, hasValidatorUpdate: false };
      },
      indexEntries: () => [],
      forget: () => {},
    },
    txIndex: { opsForBlock: () => [] },
    crypto,
    chainId: "privatenet",
  };
  const block = makeBlock(1n, genesis);
  const hash = store.hashOf(block.header);
  return {
    deps,
    store,
    tip: { hash: genesis, height: 0n },
    applied,
    record: (votes) => ({
      block: extended(block, BlockStatus.DirectlyFinalized),
      votes: votes(hash),
    }),
  };
}

const CHECKED = { checkVotes: true, status: BlockStatus.DirectlyFinalized, keepRecordStatus: true } as const;

async function refusal(f: Fixture, votes: (hash: Hash) => Vote[]): Promise<Error> {
  let caught: unknown;
  await importBlock(f.deps, f.tip, f.record(votes), CHECKED, "file: height 1").catch((e: unknown) => {
    caught = e;
  });
  expect(isThetaError(caught, ChainBackupErrorCode.Rejected)).toBe(true);
  expect(f.applied).toEqual([]); // refused before execution
  expect(f.tip.height).toBe(0n);
  return caught as Error;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "theta-import-votes-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("chain import: the votes of an imported block", () => {
  it("accepts votes of validators with more than 2/3 of the stake, signed by them", async () => {
    const f = await fixture();
    const rec = f.record((h) => [vote(h, A, A.address), vote(h, B, B.address), vote(h, C, C.address)]);
    expect(await importBlock(f.deps, f.tip, rec, CHECKED, "file: height 1")).toBe(true);
    expect(f.applied).toHaveLength(1);
    expect(f.tip.height).toBe(1n);
    expect(await f.store.finalizedAt(1n)).toEqual(f.applied[0]);
  });

  it("refuses votes carrying exactly 2/3 of the stake, or 2/3 plus a non-validator", async () => {
    const two = await refusal(await fixture(), (h) => [vote(h, A, A.address), vote(h, B, B.address)]);
    expect(two.message).toBe("file: height 1: hcc.votes: expected voters with more than 2/3 of the stake");
    const stranger = await refusal(await fixture(), (h) => [
      vote(h, A, A.address),
      vote(h, B, B.address),
      vote(h, D, D.address),
    ]);
    expect(stranger.message).toMatch(/more than 2\/3 of the stake$/);
  });

  it("refuses a forged vote (signed by another key than its voter's) and a vote for another block", async () => {
    const forged = await refusal(await fixture(), (h) => [
      vote(h, A, A.address),
      vote(h, B, B.address),
      vote(h, A, C.address), // C's vote, signed with A's key
    ]);
    expect(forged.message).toBe("file: height 1: hcc.votes: expected every vote signed by its voter");
    const other = new Uint8Array(32).fill(5);
    const elsewhere = await refusal(await fixture(), (h) => [
      vote(h, A, A.address),
      vote(h, B, B.address),
      vote(other, C, C.address),
    ]);
    expect(elsewhere.message).toMatch(/expected every vote to name the certified block$/);
  });

  it("stops `importChain` at the file and height of the block, and a correction file skips the check", async () => {
    const f = await fixture();
    const rec = f.record((h) => [vote(h, A, A.address), vote(h, B, B.address)]);
    const chainDir = join(dir, "chain");
    await mkdir(chainDir, { recursive: true });
    const file = join(chainDir, "theta_chain-1-1-2026-01-01");
    await writeFile(file, encodeBackupBlock(rec, forks));
    const deps = { ...f.deps, forks, now: () => 0, report: () => {} };
    let caught: unknown;
    await importChain(deps, { chainDir }).catch((e: unknown) => {
      caught = e;
    });
    expect(isThetaError(caught, ChainBackupErrorCode.Rejected)).toBe(true);
    expect((caught as Error).message).toBe(
      `${file}: height 1: hcc.votes: expected voters with more than 2/3 of the stake`,
    );
    expect(f.applied).toEqual([]);
    // The same record as a correction block: trusted, its votes not checked.
    const correction = join(dir, "theta_chain_correction-0-1");
    await writeFile(correction, encodeBackupBlock(rec, forks));
    expect(await importChain(deps, { correctionFile: correction })).toEqual({ imported: 1, height: 1n });
    expect(f.applied).toHaveLength(1);
  });
});
