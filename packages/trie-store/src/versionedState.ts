/**
 * Versioned state over a KvStore: one state root per committed block height, each commit one
 * atomic batch (new trie nodes + the version index entry). Storage tries live in the same node
 * space and are opened by their root.
 */
import { bytesToHex, concatBytes, type Hash, ThetaError } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createBufferedNodeDb } from "./bufferedNodeDb.ts";
import { createCountCache } from "./countCache.ts";
import { TrieStoreErrorCode } from "./errors.ts";
import { createFastTrieContext, openFastTrie } from "./fast/fastTrie.ts";
import type { KvStore } from "./kvStore.ts";
import { commitCounted, pruneCounted, type StorageRootsOf, verifyCounts } from "./refcount.ts";
import { openStateTrie, type StateTrie } from "./stateTrie.ts";

export { TrieStoreErrorCode } from "./errors.ts";

/** Trie implementations behind `StateTrie`: @ethereumjs/mpt (the default, the baseline) or ours. */
export const TrieEngine = { Mpt: "mpt", Fast: "fast" } as const;
/** One of the trie implementations. */
export type TrieEngine = (typeof TrieEngine)[keyof typeof TrieEngine];

const VERSION_PREFIX = Uint8Array.of(0x76); // "v"

function heightKey(height: bigint): Uint8Array {
  const out = new Uint8Array(9);
  out.set(VERSION_PREFIX);
  new DataView(out.buffer).setBigUint64(1, height);
  return out;
}

/** Committed state versions, one root per height, with reference-counted pruning. */
export interface VersionedState {
  /** A working trie on top of `root` (the latest version when omitted); nothing is written until commit. */
  open(root?: Hash): Promise<StateTrie>;
  /** A storage trie (same node space) rooted at `root`. */
  openStorage(root: Hash): StateTrie;
  /** Persists every node written through tries opened here, and records `root` for `height`. */
  commit(height: bigint, root: Hash): Promise<void>;
  /** The root committed for `height`; undefined when none is kept. */
  rootAt(height: bigint): Promise<Hash | undefined>;
  /** The highest committed version; undefined before the first commit. */
  latest(): Promise<{ height: bigint; root: Hash } | undefined>;
  /** Heights with a committed version, ascending. */
  versions(): Promise<bigint[]>;
  /** Drops one version (its root's count) and every node no kept version reaches any more. */
  prune(height: bigint): Promise<{ deletedNodes: number }>;
  /** Recomputes every reference count from the kept versions (an fsck); empty list = consistent. */
  verify(): Promise<{ problems: string[]; nodes: number }>;
}

/** Options of {@link createVersionedState}. */
export interface VersionedStateOptions {
  /** Keep this many most recent versions; older ones are pruned after each commit. Unset: keep all. */
  readonly keepVersions?: number;
  /** Storage-trie roots referenced by a state leaf (the ledger passes an account decoder). */
  readonly storageRootsOf?: StorageRootsOf;
  /** Which trie implementation `open`/`openStorage` return (default `mpt`). */
  readonly engine?: TrieEngine;
  /** keccak256 for the fast trie's hashing (default: the crypto package's noble backend). */
  readonly keccak256?: (data: Uint8Array) => Uint8Array;
  /** Decoded nodes the fast trie keeps cached (default 200,000). */
  readonly cacheSize?: number;
  /**
   * Reference counts kept in memory between commits and prunes (default 500,000). While the store
   * holds no more counted nodes than this, every count is held and commits skip the existence reads.
   */
  readonly countCacheSize?: number;
}

/** A versioned state over `kv` (see the README for the counting invariant and the options). */
export function createVersionedState(kv: KvStore, opts: VersionedStateOptions = {}): VersionedState {
  const nodes = createBufferedNodeDb(kv);
  const counts = createCountCache(kv, opts.countCacheSize ?? 500_000);
  const fast =
    opts.engine === TrieEngine.Fast
      ? createFastTrieContext(
          nodes,
          opts.keccak256 ?? defaultCrypto.keccak256,
          opts.cacheSize === undefined ? {} : { cacheSize: opts.cacheSize },
        )
      : undefined;
  const openAt = (root: Hash | undefined): StateTrie =>
    fast === undefined ? openStateTrie(nodes, root) : openFastTrie(fast, root);
  // The version index, read from the store once and then kept in step with each commit and prune
  // (this object is the only writer of its store's versions).
  let index: Array<{ height: bigint; root: Hash }> | undefined;
  const loadIndex = async () => {
    if (index === undefined) {
      const out: Array<{ height: bigint; root: Hash }> = [];
      for await (const [k, v] of kv.iterate({ prefix: VERSION_PREFIX }))
        out.push({ height: new DataView(k.buffer, k.byteOffset).getBigUint64(1), root: v });
      index = out;
    }
    return index;
  };
  const latest = async () => {
    const all = await loadIndex();
    const last = all[all.length - 1];
    return last === undefined ? undefined : { height: last.height, root: last.root.slice() };
  };
  return {
    async open(root) {
      return openAt(root ?? (await latest())?.root);
    },
    openStorage: (root) => openAt(root),
    async commit(height, root) {
      const last = await latest();
      if (last && height <= last.height) {
        throw new ThetaError(
          TrieStoreErrorCode.NotMonotonic,
          `height: ${height} is not above the last committed ${last.height}`,
        );
      }
      await commitCounted(
        kv,
        root,
        nodes.drainPending(),
        opts.storageRootsOf,
        [{ type: "put", key: heightKey(height), value: root }],
        counts,
      );
      const all = await loadIndex();
      all.push({ height, root: root.slice() });
      if (opts.keepVersions !== undefined) {
        const excess = all.length - opts.keepVersions;
        for (const { height: h } of all.slice(0, Math.max(0, excess))) await this.prune(h);
      }
    },
    async prune(height) {
      const root = await kv.get(heightKey(height));
      if (!root) {
        throw new ThetaError(TrieStoreErrorCode.UnknownVersion, `height: no committed version at ${height}`);
      }
      const out = await pruneCounted(
        kv,
        root,
        opts.storageRootsOf,
        [{ type: "del", key: heightKey(height) }],
        counts,
      );
      const all = await loadIndex();
      const i = all.findIndex((v) => v.height === height);
      if (i >= 0) all.splice(i, 1);
      return out;
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
      return (await loadIndex()).map((v) => v.height);
    },
  };
}

/** For messages: a root as 0x hex. */
export const rootHex = (root: Hash): string => `0x${bytesToHex(root)}`;
/** The store key of a trie node ("n" + hash). */
export const nodeKeyOf = (hash: Hash): Uint8Array => concatBytes(Uint8Array.of(0x6e), hash);
