/**
 * Contract storage inside a v1/v2 snapshot (docs/interfaces.md §8): an account record may be followed
 * by a nested SVStart…SVEnd block holding its storage trie's key/values. This tracks that nesting
 * while importing, rebuilds each storage trie and checks its root against the account's `root`.
 */
import {
  type Account,
  bytesToHex,
  decodeAccount,
  EMPTY_ROOT_HASH,
  equalBytes,
  type Hash,
  isThetaError,
  ThetaError,
  ZERO_HASH,
} from "@theta/core-types";
import type { StateTrie, TrieDatabase } from "../ports.ts";
import { SnapshotStateErrorCode } from "./snapshotErrors.ts";

/** Key prefix of account records in the state trie (`ls/a/<address>`). */
export const ACCOUNT_KEY_PREFIX: Uint8Array = new TextEncoder().encode("ls/a/");

/** Whether `key` is an account record's key. */
export function isAccountKey(key: Uint8Array): boolean {
  return (
    key.length > ACCOUNT_KEY_PREFIX.length &&
    equalBytes(key.subarray(0, ACCOUNT_KEY_PREFIX.length), ACCOUNT_KEY_PREFIX)
  );
}

/** Whether `root` names an empty storage trie (the empty-trie root or the all-zero hash). */
export function isEmptyRoot(root: Hash): boolean {
  return equalBytes(root, EMPTY_ROOT_HASH) || equalBytes(root, ZERO_HASH);
}

/** Decodes an account record's value, naming the record on failure. */
export function accountOfRecord(index: number, value: Uint8Array): Account {
  try {
    return decodeAccount(value);
  } catch (e) {
    if (!isThetaError(e)) throw e;
    throw new ThetaError(
      SnapshotStateErrorCode.BadAccountRecord,
      `record ${index}: expected an RLP account under an ls/a/ key: ${e.message}`,
      { details: { record: index }, cause: e },
    );
  }
}

/** Receives the records of one snapshot state section, in file order. */
export interface StorageNesting {
  /** A record of the outer (state) block. */
  stateRecord(index: number, key: Uint8Array, value: Uint8Array): Promise<void>;
  /** An SVStart at nesting `depth` (1 = a storage block). */
  open(index: number, depth: number): Promise<void>;
  /** An SVEnd closing nesting `depth`. */
  close(index: number, depth: number): Promise<void>;
  /** A record inside a storage block. */
  storageRecord(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** Number of storage records written. */
  readonly storageRecords: () => number;
}

/** Tracks account → storage block pairing over `db`; `put` writes outer records to the state. */
export function createStorageNesting(
  db: TrieDatabase,
  put: (key: Uint8Array, value: Uint8Array) => Promise<void>,
  commitEvery: number,
): StorageNesting {
  let pending: { readonly index: number; readonly account: Account } | undefined;
  let storage: StorageTrie | undefined;
  let count = 0;
  const settle = (): void => {
    // An account whose root is not empty must have been followed by its storage block.
    if (pending !== undefined && !isEmptyRoot(pending.account.root)) {
      throw mismatch(pending.index, pending.account, EMPTY_ROOT_HASH);
    }
    pending = undefined;
  };
  return {
    async stateRecord(index, key, value) {
      settle();
      await put(key, value);
      if (isAccountKey(key)) pending = { index, account: accountOfRecord(index, value) };
    },
    async open(index, depth) {
      if (depth !== 1 || pending === undefined) {
        throw new ThetaError(
          SnapshotStateErrorCode.StrayStorageBlock,
          `record ${index}: a nested SVStart must directly follow an account record (depth ${depth})`,
          { details: { record: index, depth } },
        );
      }
      storage = { trie: await db.openTrie(EMPTY_ROOT_HASH), records: 0 };
    },
    async close(index, depth) {
      if (depth === 0) {
        settle();
        return;
      }
      if (storage === undefined || pending === undefined) return;
      const root = await storage.trie.commit();
      const expected = pending.account.root;
      const same = isEmptyRoot(expected) ? isEmptyRoot(root) : equalBytes(root, expected);
      if (!same) throw mismatch(index, pending.account, root);
      storage = undefined;
      pending = undefined;
    },
    async storageRecord(key, value) {
      if (storage === undefined) return;
      await storage.trie.put(key, value);
      count++;
      storage.records++;
      if (storage.records % commitEvery === 0) await storage.trie.commit();
    },
    storageRecords: () => count,
  };
}

interface StorageTrie {
  readonly trie: StateTrie;
  records: number;
}

function mismatch(index: number, account: Account, actual: Hash): ThetaError {
  const address = `0x${bytesToHex(account.address)}`;
  return new ThetaError(
    SnapshotStateErrorCode.StorageRootMismatch,
    `record ${index}: storage root of ${address}: expected the account's root 0x${bytesToHex(account.root)}, got 0x${bytesToHex(actual)}`,
    { details: { record: index, address, expected: bytesToHex(account.root), actual: bytesToHex(actual) } },
  );
}
