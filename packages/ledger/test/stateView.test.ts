import {
  type Account,
  bytesToHex,
  coins,
  EMPTY_ROOT_HASH,
  hexToBytes,
  isThetaError,
  newAccount,
  parseAddress,
  StateKey,
  ThetaError,
  ZERO_HASH,
} from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openStateView } from "../src/state/stateView.ts";
import { decodeStorageWord, encodeStorageWord } from "../src/state/storageWord.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const V1 = parseAddress("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab");
const V2 = parseAddress("0x511f5b5af946edca88217eb9404477a95cb5c3f4");
const THETA = 10n ** 18n;

const exampleAccount: Account = { ...newAccount(V1), sequence: 2n, balance: coins(10n * THETA, 20n * THETA) };

async function emptyView() {
  const db = await createMemoryTrieDatabase();
  return { db, view: await openStateView({ db }, EMPTY_ROOT_HASH) };
}

describe("state view (docs/ledger.md §9)", () => {
  it("an empty state has the empty-trie root, also when opened at the zero hash", async () => {
    const { db, view } = await emptyView();
    expect(bytesToHex(await view.root())).toBe(bytesToHex(EMPTY_ROOT_HASH));
    const z = await openStateView({ db }, ZERO_HASH);
    expect(bytesToHex(await z.root())).toBe(bytesToHex(EMPTY_ROOT_HASH));
  });

  it("vector docs/ledger.md §9.2: the account key layout", () => {
    expect(bytesToHex(StateKey.account(V1))).toBe("6c732f612f2e833968e5bb786ae419c4d13189fb081cc43bab");
  });

  it("vectors docs/ledger.md §9.3: roots of the §2.3 account, then plus the §2.8 VCP (2 vectors)", async () => {
    const { view } = await emptyView();
    await view.setAccount(exampleAccount);
    expect(bytesToHex(await view.root())).toBe(
      "8c001b2708dd85e3fd0fa933e4b98435db464816f1d1891d362df2a5d5470f8a",
    );
    await view.setVcp({
      sortedCandidates: [
        {
          holder: V2,
          stakes: [{ source: V1, amount: 200_000n * THETA, withdrawn: false, returnHeight: 2n ** 64n - 1n }],
        },
      ],
    });
    expect(bytesToHex(await view.root())).toBe(
      "bb5a7402924d4469ef595ec8b3d22b033fbb755935f85918bf5f032c686dd202",
    );
  });

  it("reads back what it writes, and deleting restores the previous root", async () => {
    const { view } = await emptyView();
    await view.setAccount(exampleAccount);
    const before = bytesToHex(await view.root());
    expect(await view.getAccount(V1)).toEqual(exampleAccount);
    await view.setSplitRule({
      initiatorAddress: V1,
      resourceId: "rid",
      splits: [{ address: V2, percentage: 10n }],
      endBlockHeight: 9n,
    });
    expect((await view.getSplitRule("rid"))?.endBlockHeight).toBe(9n);
    await view.setEenTotalActiveStake(12345n);
    expect(await view.getEenTotalActiveStake()).toBe(12345n);
    await view.setStakeTransactionHeightList([0n, 7n]);
    expect(await view.getStakeTransactionHeightList()).toEqual([0n, 7n]);
    await view.deleteSplitRule("rid");
    await view.setEenTotalActiveStake(0n);
    await view.setStakeTransactionHeightList([]);
    await view.trie.delete(StateKey.stakeTransactionHeightList());
    expect(bytesToHex(await view.root())).toBe(before);
    expect(await view.getSplitRule("rid")).toBeUndefined();
    expect(await view.getEenTotalActiveStake()).toBe(0n);
  });

  it("a copy is independent of the original", async () => {
    const { view } = await emptyView();
    await view.setAccount(exampleAccount);
    const copy = await view.copy();
    await copy.deleteAccount(V1);
    expect(await view.getAccount(V1)).toEqual(exampleAccount);
    expect(await copy.getAccount(V1)).toBeUndefined();
  });

  it("contract storage (docs/ledger.md §9.4): raw slot keys, stripped words, zero deletes to the empty root", async () => {
    const { view } = await emptyView();
    await view.setAccount(exampleAccount);
    const slot = new Uint8Array(32).fill(1);
    const word = hexToBytes(`${"00".repeat(30)}0102`);
    await view.setStorage(V1, slot, word);
    expect(bytesToHex(await view.getStorage(V1, slot))).toBe(bytesToHex(word));
    const acc = await view.getAccount(V1);
    expect(bytesToHex(acc!.root)).not.toBe(bytesToHex(ZERO_HASH));
    await view.setStorage(V1, slot, new Uint8Array(32));
    expect(bytesToHex((await view.getAccount(V1))!.root)).toBe(bytesToHex(EMPTY_ROOT_HASH));
    expect(bytesToHex(await view.getStorage(V1, slot))).toBe("00".repeat(32));
    await expect(view.setStorage(V2, slot, word)).rejects.toBeInstanceOf(ThetaError);
  });

  it("storage words round-trip; random stored bytes decode or throw a ThetaError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (w) => {
        expect(bytesToHex(decodeStorageWord(encodeStorageWord(w)))).toBe(bytesToHex(w));
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        try {
          expect(decodeStorageWord(b).length).toBe(32);
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
        }
      }),
    );
  });
});
