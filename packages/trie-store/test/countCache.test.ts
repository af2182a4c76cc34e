import { describe, expect, it } from "vitest";
import { COUNT_PREFIX, createCountCache, encodeCount } from "../src/countCache.ts";
import { createMemoryKvStore, createVersionedState, NODE_PREFIX, TrieEngine } from "../src/index.ts";
import { runBlocks } from "./helpers/workload.ts";

const hash = (i: number) => Uint8Array.from({ length: 32 }, (_, j) => (j === 31 ? i : 0));
const hex = (i: number) => Buffer.from(hash(i)).toString("hex");

async function storeWith(counts: number[]) {
  const kv = createMemoryKvStore();
  for (const [i, c] of counts.entries()) {
    const key = new Uint8Array(33);
    key.set(COUNT_PREFIX);
    key.set(hash(i), 1);
    await kv.put(key, encodeCount(c));
  }
  return kv;
}

describe("count cache", () => {
  it("holds every stored count while they fit: unknown hashes count 0 without a read", async () => {
    const cache = createCountCache(await storeWith([3, 1, 7]), 10);
    await cache.ready();
    expect(cache.isComplete()).toBe(true);
    expect([cache.get(hex(0)), cache.get(hex(1)), cache.get(hex(2))]).toEqual([3, 1, 7]);
    expect(cache.get(hex(9))).toBe(0);
    cache.set(hex(1), 0); // the node is gone
    expect(cache.get(hex(1))).toBe(0);
    cache.set(hex(9), 2);
    expect(cache.get(hex(9))).toBe(2);
  });
  it("starts bounded when the store holds more counts than its capacity: unknown means read", async () => {
    const cache = createCountCache(await storeWith([1, 1, 1, 1, 1]), 3);
    await cache.ready();
    expect(cache.isComplete()).toBe(false);
    expect(cache.get(hex(42))).toBeUndefined();
  });
  it("turns bounded once the counts outgrow it, keeping what it knew", async () => {
    const cache = createCountCache(createMemoryKvStore(), 2);
    await cache.ready();
    cache.set(hex(1), 1);
    cache.set(hex(2), 4);
    expect(cache.isComplete()).toBe(true);
    cache.set(hex(3), 1);
    expect(cache.isComplete()).toBe(false);
    expect(cache.get(hex(2))).toBe(4);
    expect(cache.get(hex(77))).toBeUndefined();
  });
});

describe("count records only from 2 up", () => {
  it("a stored node without a count record counts 1; with one, its value", async () => {
    const kv = await storeWith([3]);
    for (const i of [0, 1]) {
      const key = new Uint8Array(33);
      key.set(NODE_PREFIX);
      key.set(hash(i), 1);
      await kv.put(key, Uint8Array.of(0xc0));
    }
    const cache = createCountCache(kv, 10);
    await cache.ready();
    expect([cache.get(hex(0)), cache.get(hex(1)), cache.get(hex(2))]).toEqual([3, 1, 0]);
  });

  it("commits write no record for nodes with one parent; a store holding records of 1 (written before) stays consistent", async () => {
    const kv = createMemoryKvStore();
    const opts = { engine: TrieEngine.Fast, keepVersions: 4 } as const;
    const vs = createVersionedState(kv, opts);
    await runBlocks(vs, { blocks: 3, updates: 30, accounts: 200, seed: 3 });
    let nodes = 0;
    let records = 0;
    for await (const _ of kv.iterate({ prefix: NODE_PREFIX })) nodes++;
    for await (const [, v] of kv.iterate({ prefix: COUNT_PREFIX })) {
      records++;
      expect(v[3]! + (v[2]! << 8)).toBeGreaterThanOrEqual(2);
    }
    expect(records).toBeLessThan(nodes / 2);
    // An older store wrote a record for every node, 1s included.
    for await (const [k] of kv.iterate({ prefix: NODE_PREFIX })) {
      const ck = k.slice();
      ck[0] = COUNT_PREFIX[0]!;
      if ((await kv.get(ck)) === undefined) await kv.put(ck, encodeCount(1));
    }
    const reopened = createVersionedState(kv, opts);
    expect((await reopened.verify()).problems).toEqual([]);
    await runBlocks(reopened, { blocks: 8, updates: 30, accounts: 200, seed: 4 });
    expect((await reopened.verify()).problems).toEqual([]);
  });
});
