/**
 * Reference-counting history pruning (docs/interfaces.md §6.3–6.4, docs/decisions.md §7).
 *
 * Invariant kept in the store for every live node N:
 *   count(N) = (number of kept versions whose root is N)
 *            + (number of references to N from distinct stored nodes)
 * stored as a record ("c" + hash, 4 bytes) only when it is 2 or more: a stored node without one
 * counts 1 (most nodes have one parent, so a commit writes no record for its new nodes).
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
import type { PendingNodes } from "./bufferedNodeDb.ts";
import { NODE_PREFIX } from "./bufferedNodeDb.ts";
import { COUNT_PREFIX, type CountCache, decodeCount, encodeCount } from "./countCache.ts";
import { TrieStoreErrorCode } from "./errors.ts";
import { getMany, type KvBatchOp, type KvStore } from "./kvStore.ts";
import { type NodeRefs, nodeRefs } from "./nodeRefs.ts";

/** Storage-trie roots referenced by a leaf value of the state trie (the ledger decodes accounts). */
export type StorageRootsOf = (leafValue: Uint8Array) => readonly Hash[];

const countKey = (hash: Uint8Array) => concatBytes(COUNT_PREFIX, hash);
const nodeKey = (hash: Uint8Array) => concatBytes(NODE_PREFIX, hash);

function isEmptyRoot(h: Uint8Array): boolean {
  return equalBytes(h, EMPTY_ROOT_HASH) || equalBytes(h, ZERO_HASH);
}

/** A node to visit: its hash (bytes and hex) and whether it belongs to the state trie. */
interface Ref {
  readonly hash: Uint8Array;
  readonly hex: string;
  readonly inState: boolean;
}

const refOf = (hash: Uint8Array, inState: boolean): Ref => ({ hash, hex: bytesToHex(hash), inState });

/** A node's hash, its count as the store holds it, and its count as this batch will leave it. */
interface Counted {
  readonly hash: Uint8Array;
  before: number;
  count: number;
}

/** Accumulates count changes and node writes/deletes for one atomic batch. */
class Tx {
  /** Every node whose count is known to this batch, by hex hash (one map: fewer string lookups). */
  readonly counted = new Map<string, Counted>();
  readonly writes = new Map<string, Uint8Array>();
  readonly deletes = new Set<string>();
  readonly kv: KvStore;
  readonly cache: CountCache | undefined;
  constructor(kv: KvStore, cache: CountCache | undefined) {
    this.kv = kv;
    this.cache = cache;
  }
  /**
   * The count record of every ref (in the order of `refs`), reading the counts neither this batch
   * nor the cache knows from the store in one call.
   */
  async load(refs: readonly Ref[]): Promise<Counted[]> {
    await this.cache?.ready();
    const out: Counted[] = [];
    const missing: Counted[] = [];
    for (const r of refs) {
      let c = this.counted.get(r.hex);
      if (c === undefined) {
        const cached = this.cache?.get(r.hex);
        c = { hash: r.hash, before: cached ?? 0, count: cached ?? 0 };
        this.counted.set(r.hex, c);
        if (cached === undefined) missing.push(c); // duplicates in `refs` are read once
      }
      out.push(c);
    }
    if (missing.length > 0) {
      const stored = await getMany(
        this.kv,
        missing.map((c) => countKey(c.hash)),
      );
      // No record: 1 if the node is stored, else 0.
      const unrecorded = missing.filter((_, i) => stored[i] === undefined);
      const present = await getMany(
        this.kv,
        unrecorded.map((c) => nodeKey(c.hash)),
      );
      for (const [i, c] of missing.entries()) c.count = decodeCount(stored[i]);
      for (const [i, c] of unrecorded.entries()) c.count = present[i] === undefined ? 0 : 1;
      for (const c of missing) c.before = c.count;
    }
    return out;
  }
  /** Stored node encodings of `refs` (this batch's writes and `pending` first, then the store in one call). */
  async bodies(
    refs: readonly Ref[],
    pending?: ReadonlyMap<string, Uint8Array>,
  ): Promise<Array<Uint8Array | undefined>> {
    const out: Array<Uint8Array | undefined> = [];
    const fromStore: number[] = [];
    for (const [i, r] of refs.entries()) {
      const local = pending?.get(r.hex) ?? this.writes.get(r.hex);
      out.push(local);
      if (local === undefined) fromStore.push(i);
    }
    if (fromStore.length > 0) {
      const stored = await getMany(
        this.kv,
        fromStore.map((i) => nodeKey(refs[i]!.hash)),
      );
      for (const [j, i] of fromStore.entries()) out[i] = stored[j];
    }
    return out;
  }
  ops(extra: KvBatchOp[]): KvBatchOp[] {
    const ops: KvBatchOp[] = [];
    for (const [h, v] of this.writes)
      ops.push({ type: "put", key: nodeKey(this.counted.get(h)!.hash), value: v });
    for (const c of this.counted.values()) {
      // A count of 1 has no record: write one only for 2 and more, delete it when the count falls
      // to 1 from above or to 0 (a store written before may hold records of 1).
      if (c.count >= 2) {
        if (c.count !== c.before)
          ops.push({ type: "put", key: countKey(c.hash), value: encodeCount(c.count) });
      } else if (c.count === 0 || c.before >= 2) ops.push({ type: "del", key: countKey(c.hash) });
    }
    for (const h of this.deletes) ops.push({ type: "del", key: nodeKey(this.counted.get(h)!.hash) });
    for (const op of extra) ops.push(op);
    return ops;
  }
  /** Writes the batch, then (only once it is in) the new counts into the cache. */
  async apply(extra: KvBatchOp[]): Promise<void> {
    await this.kv.batch(this.ops(extra));
    if (this.cache) for (const [h, c] of this.counted) this.cache.set(h, c.count);
  }
}

/** The children (and, for state leaves, storage roots) of a stored node (`known`: its references, when staged with it). */
function childrenOf(
  encoded: Uint8Array,
  inState: boolean,
  storageRootsOf: StorageRootsOf | undefined,
  known?: NodeRefs,
): Ref[] {
  const refs = known ?? nodeRefs(encoded);
  const out = refs.children.map((c) => refOf(c, inState));
  if (inState && storageRootsOf) {
    for (const v of refs.values)
      for (const r of storageRootsOf(v)) if (!isEmptyRoot(r)) out.push(refOf(r, false));
  }
  return out;
}

/**
 * Commits the nodes reachable from `root` among `pending` (new encodings by hash), with counts.
 * Unreachable pending nodes (intermediate states within the block) are dropped. The walk goes
 * level by level so that the counts (and bodies) it must read are read in parallel.
 */
export async function commitCounted(
  kv: KvStore,
  root: Hash,
  pending: PendingNodes,
  storageRootsOf: StorageRootsOf | undefined,
  extra: KvBatchOp[],
  cache?: CountCache,
): Promise<void> {
  const tx = new Tx(kv, cache);
  let frontier: Ref[] = isEmptyRoot(root) ? [] : [refOf(root, true)];
  while (frontier.length > 0) {
    const counted = await tx.load(frontier);
    const fresh: Ref[] = [];
    for (const [i, r] of frontier.entries()) {
      const c = counted[i]!;
      if (c.count++ === 0) fresh.push(r); // not stored yet: write it and count its children
    }
    const bodies = await tx.bodies(fresh, pending.encodings);
    const next: Ref[] = [];
    for (const [i, r] of fresh.entries()) {
      const encoded = bodies[i];
      if (!encoded) {
        throw new ThetaError(
          TrieStoreErrorCode.MissingNode,
          `commit: trie node 0x${r.hex} is neither pending nor stored (expected every node under the root)`,
        );
      }
      tx.writes.set(r.hex, encoded);
      for (const c of childrenOf(encoded, r.inState, storageRootsOf, pending.refs.get(r.hex))) next.push(c);
    }
    frontier = next;
  }
  await tx.apply(extra);
}

/** Releases one version's root; nodes reaching zero are deleted, recursively (level by level). */
export async function pruneCounted(
  kv: KvStore,
  root: Hash,
  storageRootsOf: StorageRootsOf | undefined,
  extra: KvBatchOp[],
  cache?: CountCache,
): Promise<{ deletedNodes: number }> {
  const tx = new Tx(kv, cache);
  let deleted = 0;
  let frontier: Ref[] = isEmptyRoot(root) ? [] : [refOf(root, true)];
  while (frontier.length > 0) {
    const counted = await tx.load(frontier);
    const gone: Ref[] = [];
    for (const [i, r] of frontier.entries()) {
      const c = counted[i]!;
      if (c.count === 0) continue; // already gone (never counted): nothing to release
      if (--c.count === 0) gone.push(r);
    }
    const bodies = await tx.bodies(gone);
    const next: Ref[] = [];
    for (const [i, r] of gone.entries()) {
      tx.deletes.add(r.hex);
      tx.writes.delete(r.hex);
      deleted++;
      const encoded = bodies[i];
      if (encoded) for (const c of childrenOf(encoded, r.inState, storageRootsOf)) next.push(c);
    }
    frontier = next;
  }
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
  const recorded = new Map<string, number>();
  for await (const [k, v] of kv.iterate({ prefix: COUNT_PREFIX }))
    recorded.set(bytesToHex(k.subarray(1)), decodeCount(v));
  for await (const [k] of kv.iterate({ prefix: NODE_PREFIX })) {
    const h = bytesToHex(k.subarray(1));
    if (!seen.has(h)) problems.push(`orphan node ${h}`);
    const stored = recorded.get(h) ?? 1; // a stored node without a record counts 1
    recorded.delete(h);
    const want = expected.get(h) ?? 0;
    if (stored !== want) problems.push(`count of ${h}: stored ${stored}, expected ${want}`);
    expected.delete(h);
  }
  for (const [h, n] of recorded) problems.push(`count record of ${h} (${n}) without its node`);
  for (const [h, want] of expected) problems.push(`count of ${h}: node missing, expected ${want}`);
  return { problems, nodes: seen.size };
}
