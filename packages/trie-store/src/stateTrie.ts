/**
 * A Merkle-Patricia trie exactly as Theta's state uses it (docs/ledger.md §9.1): go-ethereum node
 * encoding and hashing, raw (un-hashed) keys, an empty value deletes, all-zero root = empty.
 * `openStateTrie` is the @ethereumjs/mpt implementation (the baseline); `openFastTrie` (./fast)
 * is ours, behind the same interface.
 */
import { createMerkleProof, MerklePatriciaTrie, verifyMerkleProof } from "@ethereumjs/mpt";
import { ValueEncoding } from "@ethereumjs/util";
import { EMPTY_ROOT_HASH, equalBytes, type Hash, ZERO_HASH } from "@theta/core-types";
import type { BufferedNodeDb } from "./bufferedNodeDb.ts";
import { entriesUnder } from "./fast/entries.ts";
import { loadNode } from "./fast/fastTrie.ts";
import { keyToNibbles } from "./fast/nibbles.ts";
import { hashNode, NodeKind, type TrieNode } from "./fast/node.ts";

/** One state (or contract storage) trie over a node database. */
export interface StateTrie {
  /** The value under `key`; undefined when absent. */
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** An empty value deletes the key. */
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** Removes `key` (nothing when absent). */
  del(key: Uint8Array): Promise<void>;
  /**
   * The root hash of everything written so far. New nodes are handed to the node buffer, so the
   * next `VersionedState.commit` of this root persists them.
   */
  root(): Hash;
  /** `root()`, after which the trie may drop decoded nodes from memory (they are in the buffer). */
  commit(): Promise<Hash>;
  /** Merkle proof of `key` under the current root (the list of node encodings). */
  prove(key: Uint8Array): Promise<Uint8Array[]>;
  /** Every key/value whose key starts with `prefix`, in key order. */
  entries(prefix: Uint8Array): AsyncIterable<readonly [Uint8Array, Uint8Array]>;
  /** An independent trie over the same node database at this trie's current root. */
  copy(): StateTrie;
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

/** The empty-trie root for undefined or the all-zero hash; else `root`. */
export function normalizeRoot(root: Hash | undefined): Hash {
  return root === undefined || equalBytes(root, ZERO_HASH) ? EMPTY_ROOT_HASH : root;
}

function wrapMpt(trie: MerklePatriciaTrie, nodes: BufferedNodeDb): StateTrie {
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
    commit: async () => trie.root(),
    prove: (key) => createMerkleProof(trie, key),
    entries(prefix) {
      // Walked with our node decoder: @ethereumjs/mpt's own walk fails on embedded nodes.
      const root = trie.root();
      const start = equalBytes(root, EMPTY_ROOT_HASH) ? undefined : hashNode(root);
      const resolve = (n: TrieNode) =>
        n.kind === NodeKind.Hash ? loadNode(nodes, n.hash) : Promise.resolve(n);
      return entriesUnder(start, keyToNibbles(prefix), resolve);
    },
    copy: () => wrapMpt(trie.shallowCopy(false), nodes),
  };
}
/** The @ethereumjs/mpt trie (raw keys, node writes buffered in `nodes`) at `root`. */
export function openStateTrie(nodes: BufferedNodeDb, root?: Hash): StateTrie {
  return wrapMpt(
    new MerklePatriciaTrie({
      db: nodes.db as never,
      useKeyHashing: false,
      root: normalizeRoot(root),
      useNodePruning: false,
      valueEncoding: ValueEncoding.Bytes,
    }),
    nodes,
  );
}
