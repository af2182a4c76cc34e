/**
 * Reference counting on small hand-built node graphs: which nodes and count records a commit and a
 * prune leave in the store, node by node (the hashes are labels; refcount never rehashes a node).
 */
import {
  bytesToHex,
  concatBytes,
  EMPTY_ROOT_HASH,
  isThetaError,
  rlpEncode,
  ZERO_HASH,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createCountCache, decodeCount, encodeCount } from "../src/countCache.ts";
import {
  COUNT_PREFIX,
  createMemoryKvStore,
  type KvStore,
  NODE_PREFIX,
  TrieStoreErrorCode,
} from "../src/index.ts";
import { commitCounted, pruneCounted } from "../src/refcount.ts";

const label = (i: number) => Uint8Array.from({ length: 32 }, (_, j) => (j === 0 ? 0xa0 : j === 31 ? i : 0));
const hex = (h: Uint8Array) => bytesToHex(h);
const EMPTY = new Uint8Array(0);

/** A branch node: up to 16 children (32-byte references) and a value. */
function branch(children: Record<number, Uint8Array>, value: Uint8Array = EMPTY): Uint8Array {
  const items = Array.from({ length: 16 }, (_, i) => children[i] ?? EMPTY);
  return rlpEncode([...items, value]);
}
const leaf = (value: Uint8Array) => rlpEncode([Uint8Array.of(0x20, 0x01), value]);

type Graph = Record<number, Uint8Array>;
const pendingOf = (g: Graph) => ({
  encodings: new Map(Object.entries(g).map(([i, enc]) => [hex(label(Number(i))), enc])),
  refs: new Map(),
});

async function nodesIn(kv: KvStore): Promise<number[]> {
  const out: number[] = [];
  for await (const [k] of kv.iterate({ prefix: NODE_PREFIX })) out.push(k[32]!);
  return out.sort((a, b) => a - b);
}
async function countsIn(kv: KvStore): Promise<Record<number, number>> {
  const out: Record<number, number> = {};
  for await (const [k, v] of kv.iterate({ prefix: COUNT_PREFIX })) out[k[32]!] = decodeCount(v);
  return out;
}

// root 1 → {2, 3}; 2 → 4; 3 → 4 (4 has two parents); 4 is a leaf.
const diamond: Graph = {
  1: branch({ 0: label(2), 5: label(3) }),
  2: branch({ 1: label(4) }),
  3: branch({ 2: label(4) }),
  4: leaf(Uint8Array.of(9)),
};

describe("commitCounted", () => {
  it("stores every reachable node, with a count record only for nodes of two or more parents", async () => {
    const kv = createMemoryKvStore();
    await commitCounted(kv, label(1), pendingOf({ ...diamond, 7: leaf(Uint8Array.of(7)) }), undefined, []);
    expect(await nodesIn(kv)).toEqual([1, 2, 3, 4]); // 7 is pending but unreachable: dropped
    expect(await countsIn(kv)).toEqual({ 4: 2 });
    expect(await kv.get(concatBytes(NODE_PREFIX, label(2)))).toEqual(diamond[2]);
  });

  it("a second version sharing a subtree counts the shared node once more and does not walk under it", async () => {
    const kv = createMemoryKvStore();
    await commitCounted(kv, label(1), pendingOf(diamond), undefined, []);
    // root 5 → {2, 6}; 2 is stored already (its child 4 keeps its count), 6 is new.
    await commitCounted(
      kv,
      label(5),
      pendingOf({ 5: branch({ 0: label(2), 1: label(6) }), 6: leaf(EMPTY) }),
      undefined,
      [],
    );
    expect(await nodesIn(kv)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await countsIn(kv)).toEqual({ 2: 2, 4: 2 });
  });

  it("the same root committed twice counts 2 and writes nothing else", async () => {
    const kv = createMemoryKvStore();
    await commitCounted(kv, label(1), pendingOf(diamond), undefined, []);
    await commitCounted(kv, label(1), pendingOf({}), undefined, []);
    expect(await countsIn(kv)).toEqual({ 1: 2, 4: 2 });
  });

  it("a child listed twice in one node counts twice", async () => {
    const kv = createMemoryKvStore();
    await commitCounted(
      kv,
      label(1),
      pendingOf({ 1: branch({ 0: label(2), 9: label(2) }), 2: leaf(EMPTY) }),
      undefined,
      [],
    );
    expect(await countsIn(kv)).toEqual({ 2: 2 });
  });

  it("a node neither pending nor stored is a typed error, and nothing is written", async () => {
    const kv = createMemoryKvStore();
    const { 4: _, ...missing } = diamond;
    const err = await commitCounted(kv, label(1), pendingOf(missing), undefined, []).catch((e) => e);
    expect(isThetaError(err) && err.code).toBe(TrieStoreErrorCode.MissingNode);
    expect(err.message).toBe(
      `commit: trie node 0x${hex(label(4))} is neither pending nor stored (expected every node under the root)`,
    );
    expect(await nodesIn(kv)).toEqual([]);
  });

  it("the empty roots commit no node; the extra operations are written in the same batch", async () => {
    const kv = createMemoryKvStore();
    const extra = [{ type: "put" as const, key: Uint8Array.of(0x76, 1), value: Uint8Array.of(2) }];
    await commitCounted(kv, EMPTY_ROOT_HASH, pendingOf(diamond), undefined, extra);
    await commitCounted(kv, ZERO_HASH, pendingOf(diamond), undefined, []);
    expect(await nodesIn(kv)).toEqual([]);
    expect(await kv.get(Uint8Array.of(0x76, 1))).toEqual(Uint8Array.of(2));
  });

  it("storage roots in state leaves are counted (empty ones skipped); leaves of storage tries are not followed", async () => {
    const kv = createMemoryKvStore();
    const storageOf = (v: Uint8Array) => (v[0] === 0xee ? [label(v[1]!), EMPTY_ROOT_HASH, ZERO_HASH] : []);
    const g: Graph = {
      1: branch({ 0: label(2), 1: label(3) }),
      2: leaf(Uint8Array.of(0xee, 8)),
      3: leaf(Uint8Array.of(0xee, 8)),
      8: branch({ 0: label(9) }),
      9: leaf(Uint8Array.of(0xee, 10)), // a storage leaf: its value is not an account
    };
    await commitCounted(kv, label(1), pendingOf(g), storageOf, []);
    expect(await nodesIn(kv)).toEqual([1, 2, 3, 8, 9]);
    expect(await countsIn(kv)).toEqual({ 8: 2 });
  });
});

describe("pruneCounted", () => {
  it("releases a version: nodes reaching 0 go, shared ones lose their record at 1", async () => {
    const kv = createMemoryKvStore();
    await commitCounted(kv, label(1), pendingOf(diamond), undefined, []);
    await commitCounted(kv, label(5), pendingOf({ 5: branch({ 0: label(2) }) }), undefined, []);
    expect(await pruneCounted(kv, label(1), undefined, [])).toEqual({ deletedNodes: 2 });
    expect(await nodesIn(kv)).toEqual([2, 4, 5]);
    expect(await countsIn(kv)).toEqual({});
    expect(await pruneCounted(kv, label(5), undefined, [])).toEqual({ deletedNodes: 3 });
    expect(await nodesIn(kv)).toEqual([]);
  });

  it("a count of 3 falls to 2 and keeps its record", async () => {
    const kv = createMemoryKvStore();
    for (let i = 0; i < 3; i++) await commitCounted(kv, label(1), pendingOf(diamond), undefined, []);
    expect(await countsIn(kv)).toEqual({ 1: 3, 4: 2 });
    expect(await pruneCounted(kv, label(1), undefined, [])).toEqual({ deletedNodes: 0 });
    expect(await countsIn(kv)).toEqual({ 1: 2, 4: 2 });
  });

  it("a root never stored releases nothing; the empty roots neither", async () => {
    const kv = createMemoryKvStore();
    await commitCounted(kv, label(1), pendingOf(diamond), undefined, []);
    expect(await pruneCounted(kv, label(42), undefined, [])).toEqual({ deletedNodes: 0 });
    expect(await pruneCounted(kv, EMPTY_ROOT_HASH, undefined, [])).toEqual({ deletedNodes: 0 });
    expect(await pruneCounted(kv, ZERO_HASH, undefined, [])).toEqual({ deletedNodes: 0 });
    expect(await nodesIn(kv)).toEqual([1, 2, 3, 4]);
  });

  it("follows storage roots of released state leaves", async () => {
    const kv = createMemoryKvStore();
    const storageOf = (v: Uint8Array) => (v[0] === 0xee ? [label(v[1]!)] : []);
    const g: Graph = {
      1: branch({ 0: label(2) }),
      2: leaf(Uint8Array.of(0xee, 8)),
      8: leaf(Uint8Array.of(1)),
    };
    await commitCounted(kv, label(1), pendingOf(g), storageOf, []);
    expect(await pruneCounted(kv, label(1), storageOf, [])).toEqual({ deletedNodes: 3 });
    expect(await nodesIn(kv)).toEqual([]);
  });

  it("a store holding records of 1 (written before) loses them when the node goes or gains a parent", async () => {
    const kv = createMemoryKvStore();
    await commitCounted(kv, label(1), pendingOf(diamond), undefined, []);
    await kv.put(concatBytes(COUNT_PREFIX, label(2)), encodeCount(1));
    await kv.put(concatBytes(COUNT_PREFIX, label(3)), encodeCount(1));
    await commitCounted(kv, label(5), pendingOf({ 5: branch({ 0: label(3) }) }), undefined, []);
    expect(await countsIn(kv)).toEqual({ 2: 1, 3: 2, 4: 2 });
    await pruneCounted(kv, label(1), undefined, []);
    expect(await countsIn(kv)).toEqual({});
    expect(await nodesIn(kv)).toEqual([3, 4, 5]);
  });
});

describe("with a count cache", () => {
  it("the cache follows every commit and prune, and reads no count the cache holds", async () => {
    const kv = createMemoryKvStore();
    const cache = createCountCache(kv, 100);
    await commitCounted(kv, label(1), pendingOf(diamond), undefined, [], cache);
    expect([1, 2, 3, 4].map((i) => cache.get(hex(label(i))))).toEqual([1, 1, 1, 2]);
    let reads = 0;
    const { getMany: _parallel, ...single } = kv;
    const counting: KvStore = {
      ...single,
      get: (k) => {
        reads++;
        return kv.get(k);
      },
    };
    await pruneCounted(counting, label(1), undefined, [], cache);
    expect(reads).toBe(4); // the bodies of 1, 2, 3 and 4; every count came from the cache
    expect([1, 2, 3, 4].map((i) => cache.get(hex(label(i))))).toEqual([0, 0, 0, 0]);
    expect(await nodesIn(kv)).toEqual([]);
  });
});
