/**
 * The account loading rules of docs/ledger.md §4.3: loads apply the lazy release of pools expired
 * as of P = H − 1, a missing output account starts at LastUpdatedBlockHeight = P, and the duplicate
 * check of a tx's accounts sees a repeated address whether the tx has a few accounts or many.
 */
import {
  type Address,
  coins,
  EMPTY_ROOT_HASH,
  newAccount,
  type ReservedFund,
  ZERO_COINS,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { addressKey, createAddressSet, getInput, getOrMakeAccount } from "../../src/execution/accounts.ts";
import { openStateView, type StateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const addr = (fill: number): Address => new Uint8Array(20).fill(fill);
/** The freeze period after a pool's end height (micropayment's constant, docs/ledger.md §6). */
const FREEZE = 5n;

const pool = (end: bigint): ReservedFund => ({
  collateral: coins(0n, 7n),
  initialFund: coins(0n, 100n),
  usedFund: coins(0n, 30n),
  resourceIds: ["r"],
  endBlockHeight: end,
  reserveSequence: 1n,
  transferRecords: [],
});

async function stateWith(end: bigint): Promise<StateView> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(addr(1)), balance: coins(1n, 1000n), reservedFunds: [pool(end)] });
  return state;
}

describe("getInput", () => {
  it("an unknown address is undefined", async () => {
    const state = await stateWith(10n);
    expect(await getInput(state, addr(2), 100n)).toBeUndefined();
  });

  it("releases a pool once P = H − 1 reaches its end + freeze period, not one block earlier", async () => {
    const end = 10n;
    const state = await stateWith(end);
    // H − 1 = end + FREEZE − 1: still frozen.
    const kept = await getInput(state, addr(1), end + FREEZE);
    expect(kept?.reservedFunds).toHaveLength(1);
    expect(kept?.balance).toEqual(coins(1n, 1000n));
    // H − 1 = end + FREEZE: released, the unused fund (100 − 30) and the collateral come back.
    const released = await getInput(state, addr(1), end + FREEZE + 1n);
    expect(released?.reservedFunds).toHaveLength(0);
    expect(released?.balance).toEqual(coins(1n, 1000n + 70n + 7n));
    // The release is not written by a load.
    expect((await state.getAccount(addr(1)))?.reservedFunds).toHaveLength(1);
  });
});

describe("getOrMakeAccount", () => {
  it("a missing account is new, empty, and last updated at P = H − 1", async () => {
    const state = await stateWith(10n);
    const a = await getOrMakeAccount(state, addr(3), 50n);
    expect(a).toEqual(newAccount(addr(3), 49n));
    expect(a.balance).toEqual(ZERO_COINS);
  });

  it("an existing account is loaded with the lazy release applied", async () => {
    const state = await stateWith(10n);
    const a = await getOrMakeAccount(state, addr(1), 10n + FREEZE + 1n);
    expect(a.reservedFunds).toHaveLength(0);
    expect(a.balance).toEqual(coins(1n, 1077n));
  });
});

describe("createAddressSet", () => {
  for (const n of [2, 8, 9, 40]) {
    it(`finds the repeated address among ${n} accounts`, () => {
      const set = createAddressSet(n);
      for (let i = 0; i < n - 1; i++) expect(set.add(addr(i + 1))).toBe(true);
      // A copy of an earlier address (other bytes object, same content) is a repeat.
      expect(set.add(addr(1))).toBe(false);
      expect(set.add(addr(n - 1))).toBe(false);
      // A new address is still accepted after a refusal.
      expect(set.add(addr(200))).toBe(true);
      expect(set.add(addr(200))).toBe(false);
    });
  }

  it("addressKey is the lower-case hex of the 20 bytes", () => {
    expect(addressKey(addr(0xab))).toBe("ab".repeat(20));
  });
});
