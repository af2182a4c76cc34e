/**
 * The ledger on trie-store's `createTrieDatabase` (both trie engines over a versioned state):
 * it fits the ledger's TrieDatabase/StateTrie ports, imports the privatenet snapshot to the
 * reference root, and applies blocks of sends and contract calls (storage tries) to the same roots
 * as the in-memory test trie, committing one version per height with pruning.
 */
import { createReadStream, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bytesToHex,
  coins,
  decodeAccount,
  EMPTY_ROOT_HASH,
  type Hash,
  MAINNET_HEADER_FORKS,
  newAccount,
  parseAddress,
} from "@theta/core-types";
import {
  createMemoryKvStore,
  createTrieDatabase,
  createVersionedState,
  TrieEngine,
  type VersionedState,
} from "@theta/trie-store";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/chain/ledger.ts";
import type { TrieDatabase } from "../src/ports.ts";
import { importSnapshot } from "../src/state/genesisSnapshot.ts";
import { openStateView } from "../src/state/stateView.ts";
import { addr, blockInfo, contractRaw, crypto, E18, profile, sendRaw } from "./helpers/chainFixture.ts";
import { createFakeRuntime, squareCall } from "./helpers/fakeRuntime.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SNAPSHOT = resolve(REPO, "../shared/conformance/theta-privatenet/node/snapshot");
const ROOT = "1ac082033355eb1071e0a48c18db3e6a08ac8dd7f0744dcb1416069449272a81";
const INIT = new Uint8Array([0x60, 0x80]);

const storageRootsOf = (v: Uint8Array): Hash[] => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

function versioned(engine: TrieEngine, keepVersions?: number): { vs: VersionedState; db: TrieDatabase } {
  const vs = createVersionedState(createMemoryKvStore(), {
    engine,
    storageRootsOf,
    ...(keepVersions === undefined ? {} : { keepVersions }),
  });
  return { vs, db: createTrieDatabase({ state: vs }) };
}

/** Funds six accounts, then applies three blocks; `committed` sees each root (funding at height 1). */
async function runChain(db: TrieDatabase, committed: (height: bigint, root: Hash) => Promise<void>) {
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  for (const a of addr.slice(0, 6))
    await state.setAccount({ ...newAccount(a), balance: coins(1000n * E18, 1000n * E18) });
  let root = await state.commit();
  await committed(1n, root);
  const ledger = createLedger({ db, profile, crypto, runtime: createFakeRuntime(crypto) });
  const at = crypto.contractAddress(addr[1]!, 0n);
  const blocks = [
    [sendRaw(0, 2, 1n, 5n), contractRaw(1, 1n, INIT)],
    [contractRaw(1, 2n, squareCall(3n), at), sendRaw(0, 3, 2n)],
    [sendRaw(2, 4, 1n), contractRaw(1, 3n, squareCall(7n), at), sendRaw(0, 5, 3n)],
    [sendRaw(3, 0, 1n, 9n)],
  ];
  const roots: string[] = [bytesToHex(root)];
  for (const [i, txs] of blocks.entries()) {
    const height = 10n + BigInt(i);
    const r = await ledger.applyBlock(root, blockInfo(height), txs);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.outcomes.every((o) => o.receipt === undefined || o.receipt.vmError === "")).toBe(true);
    root = r.value.stateRoot;
    await committed(height, root);
    roots.push(bytesToHex(root));
  }
  return roots;
}

describe.each(Object.values(TrieEngine))("the ledger on createTrieDatabase (%s trie)", (engine) => {
  it("applies sends and contract calls to the in-memory trie's roots, one pruned version per height", async () => {
    const expected = await runChain(await createMemoryTrieDatabase(), async () => {});
    const { vs, db } = versioned(engine, 2);
    const roots = await runChain(db, (height, root) => vs.commit(height, root));
    expect(roots).toEqual(expected);
    expect(await vs.versions()).toEqual([12n, 13n]);
    const fsck = await vs.verify();
    expect(fsck.problems).toEqual([]);
    // The kept versions read back through a fresh database over the same store.
    const older = await openStateView({ db: createTrieDatabase({ state: vs }) }, (await vs.rootAt(12n))!);
    expect((await older.getAccount(addr[0]!))?.sequence).toBe(3n);
    expect((await older.getAccount(addr[1]!))?.sequence).toBe(3n);
  });
});

describe.skipIf(!existsSync(SNAPSHOT))("privatenet snapshot on createTrieDatabase (fast trie)", () => {
  it("imports to the reference root, commits it as a version and passes the fsck", async () => {
    const { vs, db } = versioned(TrieEngine.Fast);
    const { state, records } = await importSnapshot({ db }, createReadStream(SNAPSHOT), {
      forks: MAINNET_HEADER_FORKS,
    });
    expect(records).toBe(25_955);
    const root = await state.root();
    expect(bytesToHex(root)).toBe(ROOT);
    await vs.commit(0n, root);
    const reopened = await openStateView({ db: createTrieDatabase({ state: vs }) }, (await vs.rootAt(0n))!);
    const v = await reopened.getAccount(parseAddress("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab"));
    expect(v?.balance).toEqual({ thetaWei: 12_500_000n * E18, tfuelWei: 312_500_000n * E18 });
    expect((await reopened.getVcp()).sortedCandidates.length).toBe(1);
    const fsck = await vs.verify();
    expect(fsck.problems).toEqual([]);
    expect(fsck.nodes).toBeGreaterThan(records);
  }, 60_000);
});
