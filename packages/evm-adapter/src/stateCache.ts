/**
 * The write-back cache of one EVM run over a ledger `StateView`: accounts, code and storage
 * words are read through from the view once, writes stay in the cache under nested checkpoints,
 * and `flush` writes what the run wrote back to the view (only after a successful run; a failed
 * run's cache is dropped). The stake records the staking precompiles change ride on the same
 * checkpoints (`stakeRecords.ts`).
 */
import { type Account, type Address, bytesToHex, type Hash, hexToBytes } from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import { JournaledMap, journalOf } from "./journaledMap.ts";
import { createStakeRecords } from "./stakeRecords.ts";

/** See the module comment. Returned objects must not be mutated. */
export interface StateCache {
  /** The view the cache reads through. */
  readonly view: StateView;
  /** The stake pools as this run sees them (guardians and EENs journaled, validators read through). */
  readonly stakes: StateView;
  /** An account, read once from the view; undefined when absent. */
  getAccount(address: Address): Promise<Account | undefined>;
  /** Writes an account into the cache. */
  putAccount(account: Account): void;
  /** Code by hash; empty when the view has none. */
  getCode(codeHash: Hash): Promise<Uint8Array>;
  /** Stores code under its hash in the cache. */
  putCode(codeHash: Hash, code: Uint8Array): void;
  /** The 32-byte word in `slot` (32 bytes) of `address`; zero when unset. */
  getStorage(address: Address, slot: Uint8Array): Promise<Uint8Array>;
  /** Sets a 32-byte word (the zero word deletes the slot on flush). */
  putStorage(address: Address, slot: Uint8Array, word: Uint8Array): void;
  /** Opens a nested checkpoint (an EVM call frame). */
  checkpoint(): void;
  /** Keeps the writes since the last checkpoint and closes it. */
  commit(): void;
  /** Drops the writes since the last checkpoint and closes it. */
  revert(): void;
  /** Writes every account, code and storage word the run wrote to the view. */
  flush(): Promise<void>;
}

/** A fresh cache over `view`. */
export function createStateCache(view: StateView): StateCache {
  const accounts = new JournaledMap<Account | null>();
  const code = new JournaledMap<Uint8Array>();
  const storage = new JournaledMap<Uint8Array>();
  const records = createStakeRecords(view);
  const maps = [accounts, code, storage, records] as const;
  return {
    view,
    stakes: records.view,
    async getAccount(address) {
      const key = bytesToHex(address);
      const hit = accounts.get(key);
      if (hit !== undefined) return hit.value ?? undefined;
      const acc = await view.getAccount(address);
      accounts.load(key, acc ?? null);
      return acc;
    },
    putAccount(account) {
      accounts.set(bytesToHex(account.address), account);
    },
    async getCode(codeHash) {
      const key = bytesToHex(codeHash);
      const hit = code.get(key);
      if (hit !== undefined) return hit.value;
      const value = (await view.getCode(codeHash)) ?? new Uint8Array(0);
      code.load(key, value);
      return value;
    },
    putCode(codeHash, value) {
      code.set(bytesToHex(codeHash), value);
    },
    async getStorage(address, slot) {
      const key = bytesToHex(address) + bytesToHex(slot);
      const hit = storage.get(key);
      if (hit !== undefined) return hit.value;
      const word = await view.getStorage(address, slot);
      storage.load(key, word);
      return word;
    },
    putStorage(address, slot, word) {
      storage.set(bytesToHex(address) + bytesToHex(slot), word);
    },
    ...journalOf(maps),
    async flush() {
      for (const [key, acc] of accounts.written()) {
        if (acc === null) await view.deleteAccount(hexToBytes(key));
        else await view.setAccount(acc);
      }
      for (const [key, value] of code.written()) {
        if (value.length > 0) await view.setCode(hexToBytes(key), value);
      }
      for (const [key, word] of storage.written()) {
        await view.setStorage(hexToBytes(key.slice(0, 40)), hexToBytes(key.slice(40)), word);
      }
      await records.flush();
    },
  };
}
