import { bytesToHex, type Hash } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { NodeKind, type TrieNode } from "../src/fast/node.ts";
import {
  createBufferedNodeDb,
  createFastTrieContext,
  createMemoryKvStore,
  type KvStore,
  openFastTrie,
} from "../src/index.ts";

/** Nodes held in memory under `node`, not counting what it references by hash (stored nodes). */
function inMemory(node: TrieNode | undefined): number {
  if (node === undefined || node.kind === NodeKind.Hash) return 0;
  if (node.kind === NodeKind.Leaf) return 1;
  if (node.kind === NodeKind.Extension) return 1 + inMemory(node.child);
  return 1 + node.children.reduce((n, c) => n + inMemory(c), 0);
}

const KEYS = 200;
const key = (i: number) => defaultCrypto.keccak256(Uint8Array.of(i >> 8, i & 0xff)); // 32 bytes: hashed leaves
const value = (version: number, i: number) =>
  defaultCrypto.keccak256(Uint8Array.of(version, i >> 8, i & 0xff));

/** A store counting its reads. */
function countingStore(): { kv: KvStore; reads: () => number } {
  const kv = createMemoryKvStore();
  let reads = 0;
  return {
    kv: {
      ...kv,
      get: (k) => {
        reads++;
        return kv.get(k);
      },
    },
    reads: () => reads,
  };
}

/** `versions` commits, each rewriting every key (as each block of the catch-up bench does every account). */
async function commitVersions(versions: number, cacheSize: number) {
  const store = countingStore();
  const nodes = createBufferedNodeDb(store.kv);
  const ctx = createFastTrieContext(nodes, defaultCrypto.keccak256, { cacheSize });
  const roots: Hash[] = [];
  let root: Hash | undefined;
  for (let v = 0; v < versions; v++) {
    const trie = openFastTrie(ctx, root);
    for (let i = 0; i < KEYS; i++) await trie.put(key(i), value(v, i));
    root = await trie.commit();
    roots.push(root);
    await store.kv.batch(nodes.drain()); // what the versioned commit writes
  }
  return { ctx, roots, store };
}

describe("the fast trie's shared node cache", () => {
  it("holds one node per entry: a committed root is cached with its children by hash, not with its tree", async () => {
    const { ctx, roots } = await commitVersions(3, 10_000);
    for (const r of roots) {
      const cached = ctx.cache.get(bytesToHex(r));
      expect(cached?.kind).toBe(NodeKind.Branch);
      expect(inMemory(cached)).toBe(1);
    }
  });

  it("bounds the nodes it keeps in memory by its capacity over many versions (one tree per version before)", async () => {
    const capacity = 1_000;
    const { ctx, roots } = await commitVersions(40, capacity);
    // Each version is a new tree of about KEYS + KEYS/16 nodes; 40 of them are far more than the capacity.
    let held = 0;
    for (const r of roots) held += inMemory(ctx.cache.get(bytesToHex(r)));
    expect(held).toBeLessThanOrEqual(capacity);
    expect(ctx.cache.size()).toBeLessThanOrEqual(capacity);
  });

  it("still serves the latest version from memory: reading every key after a commit reads nothing from the store", async () => {
    const { ctx, roots, store } = await commitVersions(5, 10_000);
    const before = store.reads();
    const trie = openFastTrie(ctx, roots[roots.length - 1]);
    for (let i = 0; i < KEYS; i++) expect(await trie.get(key(i))).toEqual(value(4, i));
    expect(store.reads()).toBe(before);
  });
});
