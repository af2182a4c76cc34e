/**
 * The narrow state interface the adapter runs against until the ledger's `ContractRuntime` port
 * lands, plus an in-memory implementation for tests.
 */
import { type Account, type Address, bytesToHex, type Hash, ThetaError } from "@theta/core-types";

/** Stable error codes of the EVM adapter. */
export const EvmAdapterErrorCode = {
  NoCheckpoint: "EVM_NO_CHECKPOINT",
  Unsupported: "EVM_UNSUPPORTED",
} as const;

/**
 * What the EVM adapter needs from Theta's state: accounts, code by hash, per-account storage
 * slots (keys not hashed; values are the word with leading zeros trimmed, empty meaning absent)
 * and nested checkpoints.
 */
export interface EvmWorldState {
  /** The account at `address`, or undefined when it does not exist. */
  getAccount(address: Address): Account | undefined;
  /** Stores `account` under its own address. */
  putAccount(account: Account): void;
  /** The code whose keccak256 is `codeHash`, or undefined. */
  getCode(codeHash: Hash): Uint8Array | undefined;
  /** Stores `code` under `codeHash`. */
  putCode(codeHash: Hash, code: Uint8Array): void;
  /** The trimmed value of `slot` (32 bytes) in `address`'s storage; empty when unset. */
  getStorage(address: Address, slot: Uint8Array): Uint8Array;
  /** Sets `slot`; an empty `value` deletes it. */
  putStorage(address: Address, slot: Uint8Array, value: Uint8Array): void;
  /** Opens a nested checkpoint. */
  checkpoint(): void;
  /** Keeps the changes since the latest checkpoint, folding them into the one below. */
  commit(): void;
  /** Undoes the changes since the latest checkpoint. */
  revert(): void;
}

type Snapshot = {
  accounts: Map<string, Account>;
  code: Map<string, Uint8Array>;
  storage: Map<string, Uint8Array>;
};

function copySnapshot(s: Snapshot): Snapshot {
  return { accounts: new Map(s.accounts), code: new Map(s.code), storage: new Map(s.storage) };
}

/** An in-memory {@link EvmWorldState}; checkpoints copy the maps (fine for tests and benchmarks). */
export function createMemoryWorldState(): EvmWorldState {
  let current: Snapshot = { accounts: new Map(), code: new Map(), storage: new Map() };
  const stack: Snapshot[] = [];
  const slotKey = (address: Address, slot: Uint8Array): string =>
    `${bytesToHex(address)}/${bytesToHex(slot)}`;
  return {
    getAccount: (address) => current.accounts.get(bytesToHex(address)),
    putAccount: (account) => {
      current.accounts.set(bytesToHex(account.address), account);
    },
    getCode: (codeHash) => current.code.get(bytesToHex(codeHash)),
    putCode: (codeHash, code) => {
      current.code.set(bytesToHex(codeHash), code.slice());
    },
    getStorage: (address, slot) => current.storage.get(slotKey(address, slot)) ?? new Uint8Array(0),
    putStorage: (address, slot, value) => {
      if (value.length === 0) current.storage.delete(slotKey(address, slot));
      else current.storage.set(slotKey(address, slot), value.slice());
    },
    checkpoint: () => {
      stack.push(current);
      current = copySnapshot(current);
    },
    commit: () => {
      if (stack.length === 0)
        throw new ThetaError(
          EvmAdapterErrorCode.NoCheckpoint,
          "commit: expected an open checkpoint, found none",
        );
      stack.pop();
    },
    revert: () => {
      const prev = stack.pop();
      if (prev === undefined)
        throw new ThetaError(
          EvmAdapterErrorCode.NoCheckpoint,
          "revert: expected an open checkpoint, found none",
        );
      current = prev;
    },
  };
}
