/**
 * Versioned state over a KvStore: one state root per committed block height, each commit one
 * atomic batch (new trie nodes + the version index entry). Storage tries live in the same node
 * space and are opened by their root.
 */
import { bytesToHex, concatBytes, type Hash, ThetaError } from "@theta/core-types";
import { createBufferedNodeDb } from "./bufferedNodeDb.ts";
import type { KvStore } from "./kvStore.ts";
import { openStateTrie, type StateTrie } from "./stateTrie.ts";

export const TrieStoreErrorCode = {
  UnknownVersion: "TRIE_UNKNOWN_VERSION",
  NotMonotonic: "TRIE_VERSION_NOT_MONOTONIC",
} as const;

const VERSION_PREFIX = Uint8Array.of(0x76); // "v"

function heightKey(height: bigint): Uint8Array {
  const out = new Uint8Array(9);
  out.set(VERSION_PREFIX);
  new DataView(out.buffer).setBigUint64(1, height);
  return out;
}

export interface VersionedState {
  /** A working trie on top of `root` (the latest version when omitted); nothing is written until commit. */
  open(root?: Hash): Promise<StateTrie>;
  /** A storage trie (same node space) rooted at `root`. */
  openStorage(root: Hash): StateTrie;
  /** Persists every node written through tries opened here, and records `root` for `height`. */
  commit(height: bigint, root: Hash): Promise<void>;
  rootAt(height: bigint): Promise<Hash | undefined>;
  latest(): Promise<{ height: bigint; root: Hash } | undefined>;
  /** Heights with a committed version, ascending. */
  versions(): Promise<bigint[]>;
}

export function createVersionedState(kv: KvStore): VersionedState {
  const nodes = createBufferedNodeDb(kv);
  const latest = async () => {
    for await (const [k, v] of kv.iterate({ prefix: VERSION_PREFIX, reverse: true, limit: 1 })) {
      return { height: new DataView(k.buffer, k.byteOffset).getBigUint64(1), root: v };
    }
    return undefined;
  };
  return {
    async open(root) {
      return openStateTrie(nodes, root ?? (await latest())?.root);
    },
    openStorage: (root) => openStateTrie(nodes, root),
    async commit(height, root) {
      const last = await latest();
      if (last && height <= last.height) {
        throw new ThetaError(
          TrieStoreErrorCode.NotMonotonic,
          `height: ${height} is not above the last committed ${last.height}`,
        );
      }
      const ops = nodes.drain();
      ops.push({ type: "put", key: heightKey(height), value: root });
      await kv.batch(ops);
    },
    async rootAt(height) {
      return kv.get(heightKey(height));
    },
    latest,
    async versions() {
      const out: bigint[] = [];
      for await (const [k] of kv.iterate({ prefix: VERSION_PREFIX }))
        out.push(new DataView(k.buffer, k.byteOffset).getBigUint64(1));
      return out;
    },
  };
}

/** For messages: a root as 0x hex. */
export const rootHex = (root: Hash): string => `0x${bytesToHex(root)}`;
export const nodeKeyOf = (hash: Hash): Uint8Array => concatBytes(Uint8Array.of(0x6e), hash);
