/**
 * A Merkle-Patricia trie exactly as Theta's state uses it (ledger.md §9.1): go-ethereum node
 * encoding and hashing, raw (un-hashed) keys, an empty value deletes, all-zero root = empty.
 */
import { createMerkleProof, MerklePatriciaTrie, verifyMerkleProof } from "@ethereumjs/mpt";
import { ValueEncoding } from "@ethereumjs/util";
import { EMPTY_ROOT_HASH, equalBytes, type Hash, ZERO_HASH } from "@theta/core-types";
import type { BufferedNodeDb } from "./bufferedNodeDb.ts";

export interface StateTrie {
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** An empty value deletes the key. */
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  del(key: Uint8Array): Promise<void>;
  root(): Hash;
  /** Merkle proof of `key` under the current root (the list of node encodings). */
  prove(key: Uint8Array): Promise<Uint8Array[]>;
}

/** A proof's value for `key` under `root`: the value, undefined if absent; throws if the proof is bad. */
export async function verifyProof(
  root: Hash,
  key: Uint8Array,
  proof: Uint8Array[],
): Promise<Uint8Array | undefined> {
  const v = await verifyMerkleProof(key, proof, { useKeyHashing: false, root });
  return v ?? undefined;
}

export function normalizeRoot(root: Hash | undefined): Hash {
  return root === undefined || equalBytes(root, ZERO_HASH) ? EMPTY_ROOT_HASH : root;
}

export function openStateTrie(nodes: BufferedNodeDb, root?: Hash): StateTrie {
  const trie = new MerklePatriciaTrie({
    db: nodes.db as never,
    useKeyHashing: false,
    root: normalizeRoot(root),
    useNodePruning: false,
    valueEncoding: ValueEncoding.Bytes,
  });
  return {
    async get(key) {
      const v = await trie.get(key);
      return v ?? undefined;
    },
    async put(key, value) {
      if (value.length === 0) await trie.del(key);
      else await trie.put(key, value);
    },
    async del(key) {
      await trie.del(key);
    },
    root: () => trie.root(),
    prove: (key) => createMerkleProof(trie, key),
  };
}
