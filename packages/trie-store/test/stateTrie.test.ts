import {
  bytesToHex,
  decodeAccount,
  EMPTY_CODE_HASH,
  encodeAccount,
  encodeVcp,
  hexToBytes,
  MAX_RETURN_HEIGHT,
  newAccount,
  StateKey,
  utf8ToBytes,
  ZERO_HASH,
} from "@theta/core-types";
import { afterAll, describe, expect, it } from "vitest";
import {
  createMemoryKvStore,
  createVersionedState,
  type StateTrie,
  TrieEngine,
  verifyProof,
} from "../src/index.ts";

const s = utf8ToBytes;
/** What the ledger passes: the storage root of a leaf that decodes as an account. */
const accountStorageRoots = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};
/** A trie of `engine` over a fresh store, at `root` (empty when omitted). */
const openOn = (engine: TrieEngine, root?: Uint8Array): StateTrie =>
  createVersionedState(createMemoryKvStore(), { engine }).openStorage(root ?? ZERO_HASH);
const A = hexToBytes("2e833968e5bb786ae419c4d13189fb081cc43bab");
const B = hexToBytes("511f5b5af946edca88217eb9404477a95cb5c3f4");

describe.each(Object.values(TrieEngine))("docs/ledger.md §9.1 and §9.3 trie vectors (%s trie)", (engine) => {
  const fresh = () => openOn(engine);
  let ran = 0;
  afterAll(() => expect(ran).toBe(5));
  it("empty trie root (and the all-zero root opens as empty)", async () => {
    expect(bytesToHex(fresh().root())).toBe(
      "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
    );
    expect(bytesToHex(openOn(engine, ZERO_HASH).root())).toBe(
      "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
    );
    ran++;
  });
  it("doe/dog/dogglesworth (upstream)", async () => {
    const t = fresh();
    await t.put(s("doe"), s("reindeer"));
    await t.put(s("dog"), s("puppy"));
    await t.put(s("dogglesworth"), s("cat"));
    expect(bytesToHex(t.root())).toBe("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3");
    ran++;
  });
  it("insert and delete sequence (upstream; an empty value deletes)", async () => {
    const t = fresh();
    const ops: Array<[string, string]> = [
      ["do", "verb"],
      ["ether", "wookiedoo"],
      ["horse", "stallion"],
      ["shaman", "horse"],
      ["doge", "coin"],
      ["ether", ""],
      ["dog", "puppy"],
      ["shaman", ""],
    ];
    for (const [k, v] of ops) await t.put(s(k), s(v));
    expect(bytesToHex(t.root())).toBe("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84");
    ran++;
  });
  const account = {
    ...newAccount(A),
    sequence: 2n,
    balance: { thetaWei: 10n * 10n ** 18n, tfuelWei: 20n * 10n ** 18n },
  };
  it("a state with the docs/ledger.md §2.3 account", async () => {
    expect(bytesToHex(encodeAccount(account))).toBe(
      "f86e942e833968e5bb786ae419c4d13189fb081cc43bab02d3888ac7230489e800008901158e460913d00000c080a00000000000000000000000000000000000000000000000000000000000000000a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
    expect(account.codeHash).toEqual(EMPTY_CODE_HASH);
    const t = fresh();
    await t.put(StateKey.account(A), encodeAccount(account));
    expect(bytesToHex(t.root())).toBe("8c001b2708dd85e3fd0fa933e4b98435db464816f1d1891d362df2a5d5470f8a");
    ran++;
  });
  it("the same plus ls/vcp with the docs/ledger.md §2.8 pool", async () => {
    const vcp = encodeVcp({
      sortedCandidates: [
        {
          holder: B,
          stakes: [
            { source: A, amount: 200_000n * 10n ** 18n, withdrawn: false, returnHeight: MAX_RETURN_HEIGHT },
          ],
        },
      ],
    });
    expect(bytesToHex(vcp)).toBe(
      "f845f843f84194511f5b5af946edca88217eb9404477a95cb5c3f4ebea942e833968e5bb786ae419c4d13189fb081cc43bab8a2a5a058fc295ed0000008088ffffffffffffffff",
    );
    const t = fresh();
    await t.put(StateKey.account(A), encodeAccount(account));
    await t.put(StateKey.vcp(), vcp);
    expect(bytesToHex(t.root())).toBe("bb5a7402924d4469ef595ec8b3d22b033fbb755935f85918bf5f032c686dd202");
    ran++;
  });
});

describe.each(Object.values(TrieEngine))("versioned state (%s trie)", (engine) => {
  it("commits one version per height, reads every kept version back after reopening", async () => {
    const kv = createMemoryKvStore();
    const vs = createVersionedState(kv, { engine });
    const roots: Uint8Array[] = [];
    let trie = await vs.open();
    for (let h = 1n; h <= 20n; h++) {
      await trie.put(s(`key-${h}`), s(`value-${h}`));
      if (h % 3n === 0n) await trie.put(s(`key-${h - 1n}`), new Uint8Array(0));
      roots.push(trie.root());
      await vs.commit(h, trie.root());
      trie = await vs.open();
    }
    const reopened = createVersionedState(kv, { engine });
    expect((await reopened.versions()).length).toBe(20);
    expect((await reopened.latest())!.height).toBe(20n);
    for (let h = 1n; h <= 20n; h++) {
      const root = (await reopened.rootAt(h))!;
      expect(root).toEqual(roots[Number(h) - 1]);
      const t = await reopened.open(root);
      expect(await t.get(s(`key-${h}`))).toEqual(s(`value-${h}`));
    }
    await expect(reopened.commit(5n, roots[4]!)).rejects.toThrow(/not above/);
  });
  it("proves keys and rejects a proof for another root", async () => {
    const vs = createVersionedState(createMemoryKvStore(), { engine });
    const t = await vs.open();
    for (let i = 0; i < 50; i++) await t.put(s(`account-${i}`), s(`balance-${i}`));
    const proof = await t.prove(s("account-7"));
    expect(await verifyProof(t.root(), s("account-7"), proof)).toEqual(s("balance-7"));
    const absent = await t.prove(s("account-999"));
    expect(await verifyProof(t.root(), s("account-999"), absent)).toBeUndefined();
    await expect(verifyProof(hexToBytes("11".repeat(32)), s("account-7"), proof)).rejects.toThrow();
  });
  it("storage tries share the node space, open by root, and are kept through the account that references them", async () => {
    const vs = createVersionedState(createMemoryKvStore(), { engine, storageRootsOf: accountStorageRoots });
    const storage = vs.openStorage(ZERO_HASH);
    const slot = new Uint8Array(32);
    slot[31] = 1;
    for (let i = 0; i < 40; i++)
      await storage.put(Uint8Array.of(i, ...slot.subarray(1)), Uint8Array.of(0x09, i));
    const root = storage.root();
    const state = await vs.open();
    await state.put(StateKey.account(A), encodeAccount({ ...newAccount(A), root }));
    await vs.commit(1n, state.root());
    expect(await vs.openStorage(root).get(Uint8Array.of(5, ...slot.subarray(1)))).toEqual(
      Uint8Array.of(0x09, 5),
    );
    expect((await vs.verify()).problems).toEqual([]);
  });
});
