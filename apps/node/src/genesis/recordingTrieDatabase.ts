/**
 * An in-memory `TrieDatabase` for building a fresh genesis state: a real Merkle-Patricia trie
 * (trie-store) computes the root, and every logical key/value written is also kept in a map, so
 * the state can be written out as the records of a v1 snapshot. Only for states that start empty.
 */
import {
  bytesToHex,
  compareBytes,
  EMPTY_ROOT_HASH,
  equalBytes,
  type Hash,
  hexToBytes,
  ThetaError,
} from "@theta/core-types";
import type { StateTrie, TrieDatabase } from "@theta/ledger";
import {
  createBufferedNodeDb,
  createMemoryKvStore,
  type StateTrie as MptTrie,
  openStateTrie,
} from "@theta/trie-store";

/** Stable codes of the genesis trie. */
export const GenesisTrieErrorCode = { NotFresh: "GENESIS_TRIE_NOT_FRESH" } as const;

/** A trie database that remembers the logical contents of the one trie built in it. */
export interface RecordingTrieDatabase extends TrieDatabase {
  /** Every key/value of the state, sorted by key (byte-wise). */
  records(): Array<readonly [Uint8Array, Uint8Array]>;
}

function wrap(mpt: MptTrie, contents: Map<string, Uint8Array>): StateTrie {
  return {
    get: (key) => mpt.get(key),
    async put(key, value) {
      await mpt.put(key, value);
      if (value.length === 0) contents.delete(bytesToHex(key));
      else contents.set(bytesToHex(key), value.slice());
    },
    async delete(key) {
      await mpt.del(key);
      contents.delete(bytesToHex(key));
    },
    root: async () => mpt.root(),
    commit: async () => mpt.root(),
    async *entries(prefix) {
      const p = bytesToHex(prefix);
      for (const [k, v] of [...contents]) if (k.startsWith(p)) yield [hexToBytes(k), v] as const;
    },
    async copy() {
      throw new ThetaError(GenesisTrieErrorCode.NotFresh, "genesis trie: copy() is not supported");
    },
  };
}

/** Creates the recording database; `openTrie` accepts only the empty root. */
export function createRecordingTrieDatabase(): RecordingTrieDatabase {
  const nodes = createBufferedNodeDb(createMemoryKvStore());
  const contents = new Map<string, Uint8Array>();
  let opened = false;
  return {
    async openTrie(root: Hash) {
      if (opened || !(equalBytes(root, EMPTY_ROOT_HASH) || root.every((b) => b === 0))) {
        throw new ThetaError(
          GenesisTrieErrorCode.NotFresh,
          "genesis trie: expected one trie opened at the empty root",
        );
      }
      opened = true;
      return wrap(openStateTrie(nodes), contents);
    },
    records() {
      return [...contents]
        .map(([k, v]) => [hexToBytes(k), v] as const)
        .sort((a, b) => compareBytes(a[0], b[0]));
    },
  };
}
