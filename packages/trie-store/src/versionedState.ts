/**
 * Versioned state over a KvStore: one state root per committed block height, each commit one
 * atomic batch (new trie nodes + the version index entry). Storage tries live in the same node
 * space and are opened by their root.
 */
import { bytesToHex, concatBytes, type Hash, ThetaError } from "@theta/core-types";
import { createBufferedNodeDb } from "./bufferedNodeDb.ts";
import type { KvStore } from "./kvStore.ts";
import { commitCounted, pruneCounted, type StorageRootsOf, verifyCounts } from "./refcount.ts";
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
  /** Drops one version (its root's count) and every node no kept version reaches any more. */
  prune(height: bigint): Promise<{ deletedNodes: number }>;
  /** Recomputes every reference count from the kept versions (an fsck); empty list = consistent. */
  verify(): Promise<{ problems: string[]; nodes: number }>;
}

export interface VersionedStateOptions {
  /** Keep this many most recent versions; older ones are pruned after each commit. Unset: keep all. */
  readonly keepVersions?: number;
  /** Storage-trie roots referenced by a state leaf (the ledger passes an account decoder). */
  readonly storageRootsOf?: StorageRootsOf;
}

export function createVersionedState(kv: KvStore, opts: VersionedStateOptions = {}): VersionedState {
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
      await commitCounted(kv, root, nodes.drainPending(), opts.storageRootsOf, [
        { type: "put", key: heightKey(height), value: root },
      ]);
      if (opts.keepVersions !== undefined) {
        const all = await this.versions();
        for (const h of all.slice(0, Math.max(0, all.length - opts.keepVersions))) await this.prune(h);
      }
    },
    async prune(height) {
      const root = await kv.get(heightKey(height));
      if (!root) {
        throw new ThetaError(TrieStoreErrorCode.UnknownVersion, `height: no committed version at ${height}`);
      }
      return pruneCounted(kv, root, opts.storageRootsOf, [{ type: "del", key: heightKey(height) }]);
    },
    async verify() {
      const roots: Hash[] = [];
      for await (const [, v] of kv.iterate({ prefix: VERSION_PREFIX })) roots.push(v);
      return verifyCounts(kv, roots, opts.storageRootsOf);
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
