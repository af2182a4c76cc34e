/**
 * Reference-counting history pruning (interfaces.md §6.3–6.4, decision 7).
 *
 * Invariant kept in the store for every live node N (key "c" + hash):
 *   count(N) = (number of kept versions whose root is N)
 *            + (number of references to N from distinct stored nodes)
 * where an account leaf whose storage root is non-empty references that storage trie's root.
 * A commit adds 1 to its root and, only for nodes not yet stored, writes them and adds 1 to each
 * child (recursively, stopping at nodes already stored). Pruning a version subtracts 1 from its
 * root; a node reaching 0 is deleted and its children are pruned the same way. Every commit and
 * every prune is one atomic KvStore batch (nodes, counts and the version index together).
 */
import {
  bytesToHex,
  concatBytes,
  EMPTY_ROOT_HASH,
  equalBytes,
  type Hash,
  hexToBytes,
  ThetaError,
  ZERO_HASH,
} from "@theta/core-types";
import type { BoundedCache } from "./boundedCache.ts";
import { NODE_PREFIX } from "./bufferedNodeDb.ts";
import { TrieStoreErrorCode } from "./errors.ts";
import type { KvBatchOp, KvStore } from "./kvStore.ts";
import { nodeRefs } from "./nodeRefs.ts";

export const COUNT_PREFIX = Uint8Array.of(0x63); // "c"

/** Storage-trie roots referenced by a leaf value of the state trie (the ledger decodes accounts). */
export type StorageRootsOf = (leafValue: Uint8Array) => readonly Hash[];

const countKey = (hash: Uint8Array) => concatBytes(COUNT_PREFIX, hash);
const nodeKey = (hash: Uint8Array) => concatBytes(NODE_PREFIX, hash);

export function encodeCount(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}
export function decodeCount(b: Uint8Array | undefined): number {
  return b && b.length === 4 ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0) : 0;
}

function isEmptyRoot(h: Uint8Array): boolean {
  return equalBytes(h, EMPTY_ROOT_HASH) || equalBytes(h, ZERO_HASH);
}

/** Reference counts by hex hash, kept in step with the store by the one writer of its counts. */
export type CountCache = BoundedCache<number>;

/** Accumulates count changes and node writes/deletes for one atomic batch. */
class Tx {
  readonly counts = new Map<string, number>();
  readonly hashes = new Map<string, Uint8Array>();
  readonly writes = new Map<string, Uint8Array>();
  readonly deletes = new Set<string>();
  readonly kv: KvStore;
  readonly cache: CountCache | undefined;
  constructor(kv: KvStore, cache: CountCache | undefined) {
    this.kv = kv;
    this.cache = cache;
  }
  async count(h: string, hash: Uint8Array): Promise<number> {
    const c = this.counts.get(h);
    if (c !== undefined) return c;
    let stored = this.cache?.get(h);
    if (stored === undefined) stored = decodeCount(await this.kv.get(countKey(hash)));
    this.counts.set(h, stored);
    this.hashes.set(h, hash);
    return stored;
  }
  ops(extra: KvBatchOp[]): KvBatchOp[] {
    const ops: KvBatchOp[] = [];
    for (const [h, v] of this.writes) ops.push({ type: "put", key: nodeKey(this.hashes.get(h)!), value: v });
    for (const [h, c] of this.counts) {
      const k = countKey(this.hashes.get(h)!);
      ops.push(c > 0 ? { type: "put", key: k, value: encodeCount(c) } : { type: "del", key: k });
    }
    for (const h of this.deletes) ops.push({ type: "del", key: nodeKey(this.hashes.get(h)!) });
    for (const op of extra) ops.push(op);
    return ops;
  }
  /** Writes the batch, then (only once it is in) the new counts into the cache. */
  async apply(extra: KvBatchOp[]): Promise<void> {
    await this.kv.batch(this.ops(extra));
    if (this.cache) for (const [h, c] of this.counts) this.cache.set(h, c);
  }
}

/**
 * Commits the nodes reachable from `root` among `pending` (new encodings by hash), with counts.
 * Unreachable pending nodes (intermediate states within the block) are dropped.
 */
export async function commitCounted(
  kv: KvStore,
  root: Hash,
  pending: ReadonlyMap<string, Uint8Array>,
  storageRootsOf: StorageRootsOf | undefined,
  extra: KvBatchOp[],
  cache?: CountCache,
): Promise<void> {
  const tx = new Tx(kv, cache);
  const visit = async (hash: Uint8Array, inState: boolean): Promise<void> => {
    const h = bytesToHex(hash);
    const before = await tx.count(h, hash);
    tx.counts.set(h, before + 1);
    if (before > 0) return; // already stored: its children are counted
    const encoded = pending.get(h) ?? (await kv.get(nodeKey(hash)));
    if (!encoded) {
      throw new ThetaError(
        TrieStoreErrorCode.MissingNode,
        `commit: trie node 0x${h} is neither pending nor stored (expected every node under the root)`,
      );
    }
    tx.writes.set(h, encoded);
    const refs = nodeRefs(encoded);
    for (const c of refs.children) await visit(c, inState);
    if (inState && storageRootsOf) {
      for (const v of refs.values)
        for (const r of storageRootsOf(v)) if (!isEmptyRoot(r)) await visit(r, false);
    }
  };
  if (!isEmptyRoot(root)) await visit(root, true);
  await tx.apply(extra);
}

/** Releases one version's root; nodes reaching zero are deleted, recursively. */
export async function pruneCounted(
  kv: KvStore,
  root: Hash,
  storageRootsOf: StorageRootsOf | undefined,
  extra: KvBatchOp[],
  cache?: CountCache,
): Promise<{ deletedNodes: number }> {
  const tx = new Tx(kv, cache);
  let deleted = 0;
  const release = async (hash: Uint8Array, inState: boolean): Promise<void> => {
    const h = bytesToHex(hash);
    const before = await tx.count(h, hash);
    if (before === 0) return; // already gone (never counted): nothing to release
    tx.counts.set(h, before - 1);
    if (before > 1) return;
    const encoded = tx.writes.get(h) ?? (await kv.get(nodeKey(hash)));
    tx.deletes.add(h);
    deleted++;
    if (!encoded) return;
    const refs = nodeRefs(encoded);
    for (const c of refs.children) await release(c, inState);
    if (inState && storageRootsOf) {
      for (const v of refs.values)
        for (const r of storageRootsOf(v)) if (!isEmptyRoot(r)) await release(r, false);
    }
  };
  if (!isEmptyRoot(root)) await release(root, true);
  await tx.apply(extra);
  return { deletedNodes: deleted };
}

/**
 * Recomputes every count from the kept roots and compares with the store: the fsck behind the
 * crash tests. Returns the list of discrepancies (empty when consistent) and orphan nodes.
 */
export async function verifyCounts(
  kv: KvStore,
  roots: readonly Hash[],
  storageRootsOf: StorageRootsOf | undefined,
): Promise<{ problems: string[]; nodes: number }> {
  const expected = new Map<string, number>();
  const seen = new Set<string>();
  const problems: string[] = [];
  const walkNode = async (h: string, inState: boolean): Promise<void> => {
    expected.set(h, (expected.get(h) ?? 0) + 1);
    if (seen.has(h)) return;
    seen.add(h);
    const encoded = await kv.get(nodeKey(hexToBytes(h)));
    if (!encoded) {
      problems.push(`missing node ${h}`);
      return;
    }
    const refs = nodeRefs(encoded);
    for (const c of refs.children) await walkNode(bytesToHex(c), inState);
    if (inState && storageRootsOf) {
      for (const v of refs.values)
        for (const r of storageRootsOf(v)) if (!isEmptyRoot(r)) await walkNode(bytesToHex(r), false);
    }
  };
  for (const r of roots) if (!isEmptyRoot(r)) await walkNode(bytesToHex(r), true);
  for await (const [k, v] of kv.iterate({ prefix: COUNT_PREFIX })) {
    const h = bytesToHex(k.subarray(1));
    const want = expected.get(h) ?? 0;
    if (decodeCount(v) !== want) problems.push(`count of ${h}: stored ${decodeCount(v)}, expected ${want}`);
    expected.delete(h);
  }
  for (const [h, want] of expected) problems.push(`count of ${h}: missing, expected ${want}`);
  for await (const [k] of kv.iterate({ prefix: NODE_PREFIX })) {
    if (!seen.has(bytesToHex(k.subarray(1)))) problems.push(`orphan node ${bytesToHex(k.subarray(1))}`);
  }
  return { problems, nodes: seen.size };
}
