import { createReadStream, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bytesToHex,
  concatBytes,
  createSnapshotWriter,
  EMPTY_ROOT_HASH,
  encodeAccount,
  isThetaError,
  MAINNET_HEADER_FORKS,
  newAccount,
  openSnapshot,
  type SnapshotMetadata,
} from "@theta/core-types";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { TrieDatabase } from "../src/ports.ts";
import { importSnapshot } from "../src/state/genesisSnapshot.ts";
import { SnapshotStateErrorCode } from "../src/state/snapshotErrors.ts";
import { exportSnapshot } from "../src/state/snapshotExport.ts";
import { openStateView, type StateView } from "../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SNAPSHOT = resolve(REPO, "../shared/conformance/theta-privatenet/node/snapshot");
const forks = MAINNET_HEADER_FORKS;

const address = (i: number): Uint8Array => new Uint8Array(20).fill(i);
const slot = (i: number): Uint8Array => new Uint8Array(32).fill(i);

/** A state with two plain accounts and two contracts holding storage. */
async function buildState(db: TrieDatabase): Promise<StateView> {
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  for (let i = 1; i <= 4; i++) {
    const a = newAccount(address(i), 3n);
    const contract = i > 2;
    await state.setAccount({
      ...a,
      balance: { thetaWei: BigInt(i) * 1000n, tfuelWei: BigInt(i) * 7n },
      ...(contract ? { codeHash: new Uint8Array(32).fill(0xc0 + i) } : {}),
    });
    if (contract) {
      await state.setCode(new Uint8Array(32).fill(0xc0 + i), Uint8Array.of(i));
      for (let s = 1; s <= 3 * i; s++) await state.setStorage(address(i), slot(s), Uint8Array.of(i, s));
    }
  }
  await state.commit();
  return state;
}

function withStateHash(metadata: SnapshotMetadata, stateHash: Uint8Array): SnapshotMetadata {
  const t = metadata.tailTrio;
  return { ...metadata, tailTrio: { ...t, second: { header: { ...t.second.header, stateHash } } } };
}

async function exportToBytes(
  db: TrieDatabase,
  root: Uint8Array,
  metadata: SnapshotMetadata,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  await exportSnapshot(
    { db },
    { write: (b) => void chunks.push(b) },
    { stateRoot: root, metadata },
    { forks },
  );
  return chunks;
}

describe.skipIf(!existsSync(SNAPSHOT))(
  "snapshot export and import with contract storage (docs/interfaces.md §8)",
  () => {
    let base: SnapshotMetadata;
    beforeAll(async () => {
      base = (await openSnapshot(createReadStream(SNAPSHOT), { forks })).metadata;
    });

    it("a state with contract storage exports and re-imports to the same root and storage", async () => {
      const db = await createMemoryTrieDatabase();
      const state = await buildState(db);
      const root = await state.root();
      const metadata = withStateHash(base, root);
      const chunks: Uint8Array[] = [];
      const written = await exportSnapshot(
        { db },
        { write: (b) => void chunks.push(b) },
        { stateRoot: root, metadata },
        { forks },
      );
      expect(written.contracts).toBe(2);
      expect(written.storageRecords).toBe(9 + 12);

      const db2 = await createMemoryTrieDatabase();
      const back = await importSnapshot({ db: db2 }, chunks, { forks });
      expect(bytesToHex(await back.state.root())).toBe(bytesToHex(root));
      expect(back.records).toBe(written.records);
      expect(back.storageRecords).toBe(written.storageRecords);
      for (const i of [3, 4]) {
        expect(await back.state.getStorage(address(i), slot(2))).toEqual(
          await state.getStorage(address(i), slot(2)),
        );
      }
    });

    it("a version 2 export carries the header and last checkpoint and re-imports", async () => {
      const db = await createMemoryTrieDatabase();
      const state = await buildState(db);
      const root = await state.root();
      const metadata = withStateHash(base, root);
      const chunks: Uint8Array[] = [];
      const lastCheckpoint = { checkpointHeader: metadata.tailTrio.second.header, intermediateHeaders: [] };
      await exportSnapshot(
        { db },
        { write: (b) => void chunks.push(b) },
        { stateRoot: root, metadata, version: 2n, lastCheckpoint },
        { forks },
      );
      const back = await importSnapshot({ db: await createMemoryTrieDatabase() }, chunks, { forks });
      expect(bytesToHex(await back.state.root())).toBe(bytesToHex(root));
    });

    it("refuses to export a root that is not the snapshot block's state hash", async () => {
      const db = await createMemoryTrieDatabase();
      const state = await buildState(db);
      await expect(
        exportSnapshot(
          { db },
          { write: () => undefined },
          { stateRoot: await state.root(), metadata: base },
          { forks },
        ),
      ).rejects.toSatisfy((e) => isThetaError(e, SnapshotStateErrorCode.BadExportInput));
    });

    it("rejects a storage block that does not rebuild the account's root", async () => {
      const db = await createMemoryTrieDatabase();
      const state = await buildState(db);
      const acc = (await state.getAccount(address(3)))!;
      const chunks: Uint8Array[] = [];
      const w = createSnapshotWriter({ write: (b) => void chunks.push(b) }, { forks });
      await w.writeMetadata(base);
      await w.svStart(0n);
      await w.writeRecord(concatBytes(new TextEncoder().encode("ls/a/"), acc.address), encodeAccount(acc));
      await w.svStart(0n);
      await w.writeRecord(slot(1), Uint8Array.of(0x82, 9, 9));
      await w.svEnd(0n);
      await w.svEnd(0n);
      await expect(
        importSnapshot({ db: await createMemoryTrieDatabase() }, chunks, { forks }),
      ).rejects.toSatisfy((e) => isThetaError(e, SnapshotStateErrorCode.StorageRootMismatch));
    });

    it("rejects a contract account whose storage block is missing", async () => {
      const db = await createMemoryTrieDatabase();
      const state = await buildState(db);
      const acc = (await state.getAccount(address(4)))!;
      const chunks: Uint8Array[] = [];
      const w = createSnapshotWriter({ write: (b) => void chunks.push(b) }, { forks });
      await w.writeMetadata(base);
      await w.svStart(0n);
      await w.writeRecord(concatBytes(new TextEncoder().encode("ls/a/"), acc.address), encodeAccount(acc));
      await w.svEnd(0n);
      await expect(
        importSnapshot({ db: await createMemoryTrieDatabase() }, chunks, { forks }),
      ).rejects.toSatisfy((e) => isThetaError(e, SnapshotStateErrorCode.StorageRootMismatch));
    });

    it("rejects a nested block that does not follow an account record", async () => {
      const chunks: Uint8Array[] = [];
      const w = createSnapshotWriter({ write: (b) => void chunks.push(b) }, { forks });
      await w.writeMetadata(base);
      await w.svStart(0n);
      await w.writeRecord(new TextEncoder().encode("ls/xyz"), Uint8Array.of(1));
      await w.svStart(0n);
      await w.svEnd(0n);
      await w.svEnd(0n);
      await expect(
        importSnapshot({ db: await createMemoryTrieDatabase() }, chunks, { forks }),
      ).rejects.toSatisfy((e) => isThetaError(e, SnapshotStateErrorCode.StrayStorageBlock));
    });

    it("random bytes, and random corruptions of a valid export, either import or throw a ThetaError", async () => {
      const db = await createMemoryTrieDatabase();
      const state = await buildState(db);
      const root = await state.root();
      const valid = concatBytes(...(await exportToBytes(db, root, withStateHash(base, root))));
      const attempt = async (bytes: Uint8Array): Promise<void> => {
        try {
          await importSnapshot({ db: await createMemoryTrieDatabase() }, [bytes], { forks });
        } catch (e) {
          if (!isThetaError(e)) throw e;
        }
      };
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 256 }), attempt), { numRuns: 100 });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 4,
          }),
          async (edits) => {
            const bytes = valid.slice();
            for (const [at, v] of edits) bytes[at] = v;
            await attempt(bytes);
          },
        ),
        { numRuns: 100 },
      );
    });
  },
);
