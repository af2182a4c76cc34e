/**
 * The count cache's two modes at their boundaries: complete while the counted nodes fit its
 * capacity (stored nodes without a record count 1, unknown hashes 0), bounded past it.
 */
import { bytesToHex, concatBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { COUNT_PREFIX, createCountCache, decodeCount, encodeCount } from "../src/countCache.ts";
import { createMemoryKvStore, NODE_PREFIX } from "../src/index.ts";

const hash = (i: number) => Uint8Array.from({ length: 32 }, (_, j) => (j === 0 ? 0xc0 : j === 31 ? i : 0));
const hex = (i: number) => bytesToHex(hash(i));

/** A store with count records (hash i → count) and nodes without a record. */
async function store(records: Record<number, number>, bareNodes: number[], other: Uint8Array[] = []) {
  const kv = createMemoryKvStore();
  for (const [i, c] of Object.entries(records)) {
    await kv.put(concatBytes(COUNT_PREFIX, hash(Number(i))), encodeCount(c));
    await kv.put(concatBytes(NODE_PREFIX, hash(Number(i))), Uint8Array.of(1));
  }
  for (const i of bareNodes) await kv.put(concatBytes(NODE_PREFIX, hash(i)), Uint8Array.of(1));
  for (const k of other) await kv.put(k, Uint8Array.of(1));
  return kv;
}

describe("count encoding", () => {
  it("4 bytes big-endian; anything else reads as 0", () => {
    expect([...encodeCount(0x01020304)]).toEqual([1, 2, 3, 4]);
    expect(decodeCount(Uint8Array.of(0xff, 0, 0, 1))).toBe(0xff000001);
    expect(decodeCount(undefined)).toBe(0);
    expect(decodeCount(Uint8Array.of(0, 0, 2))).toBe(0);
    expect(decodeCount(Uint8Array.of(0, 0, 0, 2, 0))).toBe(0);
  });
});

describe("createCountCache", () => {
  it("knows nothing before ready()", () => {
    const cache = createCountCache(createMemoryKvStore(), 5);
    expect(cache.get(hex(1))).toBeUndefined();
    expect(cache.isComplete()).toBe(false);
  });

  it("complete: records as stored, bare nodes 1, other keys ignored, unknown 0", async () => {
    const kv = await store({ 1: 3, 2: 2 }, [3, 4], [Uint8Array.of(0x76, ...hash(5))]);
    const cache = createCountCache(kv, 10);
    await cache.ready();
    expect(cache.isComplete()).toBe(true);
    expect([1, 2, 3, 4, 5, 6].map((i) => cache.get(hex(i)))).toEqual([3, 2, 1, 1, 0, 0]);
  });

  it("exactly `capacity` counted nodes is still complete", async () => {
    const onlyRecords = createCountCache(await store({ 1: 2, 2: 2 }, []), 2);
    await onlyRecords.ready();
    expect(onlyRecords.isComplete()).toBe(true);
    const withBare = createCountCache(await store({ 1: 2 }, [2]), 2);
    await withBare.ready();
    expect(withBare.isComplete()).toBe(true);
    expect(withBare.get(hex(2))).toBe(1);
  });

  it("records filling the capacity and a bare node: bounded, and the bare node known as 1", async () => {
    const cache = createCountCache(await store({ 1: 2, 2: 2 }, [3]), 2);
    await cache.ready();
    expect(cache.isComplete()).toBe(false);
    expect(cache.get(hex(3))).toBe(1);
  });

  it("bare nodes beyond the capacity: bounded, and the reading stops one past it", async () => {
    const cache = createCountCache(await store({}, [1, 2, 3, 4, 5]), 2);
    await cache.ready();
    expect(cache.isComplete()).toBe(false);
    // 1, 2 and 3 were read; a bounded cache of 2 keeps the last two of them.
    expect([1, 2, 3, 4, 5].map((i) => cache.get(hex(i)))).toEqual([undefined, 1, 1, undefined, undefined]);
  });

  it("records beyond the capacity: bounded, bare nodes not read", async () => {
    const cache = createCountCache(await store({ 1: 2, 2: 2, 3: 2 }, [4]), 2);
    await cache.ready();
    expect(cache.isComplete()).toBe(false);
    expect(cache.get(hex(4))).toBeUndefined();
  });

  it("a bounded cache keeps at least 2 counts, even at capacity 0 or 1", async () => {
    for (const capacity of [0, 1]) {
      const cache = createCountCache(createMemoryKvStore(), capacity);
      await cache.ready();
      cache.set(hex(1), 4);
      cache.set(hex(2), 5);
      expect(cache.isComplete()).toBe(false);
      expect([cache.get(hex(1)), cache.get(hex(2))]).toEqual([4, 5]);
    }
  });

  it("bounded: set records counts (0 included) without turning complete", async () => {
    const cache = createCountCache(await store({ 1: 2, 2: 2, 3: 2 }, []), 2);
    await cache.ready();
    cache.set(hex(7), 0);
    cache.set(hex(8), 6);
    expect(cache.isComplete()).toBe(false);
    expect([cache.get(hex(7)), cache.get(hex(8))]).toEqual([0, 6]);
  });

  it("complete: a count of 0 removes the entry, so it does not use up the capacity", async () => {
    const cache = createCountCache(createMemoryKvStore(), 2);
    await cache.ready();
    for (const i of [1, 2, 3]) cache.set(hex(i), 0);
    expect(cache.isComplete()).toBe(true);
    cache.set(hex(4), 1);
    cache.set(hex(5), 1);
    expect(cache.isComplete()).toBe(true);
    cache.set(hex(6), 1);
    expect(cache.isComplete()).toBe(false);
    expect([4, 5, 6].map((i) => cache.get(hex(i)))).toEqual([undefined, 1, 1]); // bounded to the last two
  });
});
