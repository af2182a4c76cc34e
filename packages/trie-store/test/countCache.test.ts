import { describe, expect, it } from "vitest";
import { COUNT_PREFIX, createCountCache, encodeCount } from "../src/countCache.ts";
import { createMemoryKvStore } from "../src/index.ts";

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
