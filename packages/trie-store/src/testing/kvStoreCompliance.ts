/**
 * The KvStore compliance suite: every adapter (memory, LevelDB, …) runs it.
 *   runKvStoreCompliance("leveldb", async () => openLevelKvStore(tmpDir()));
 */
import { bytesToHex } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { getMany, type KvStore } from "../kvStore.ts";

const b = (...xs: number[]) => Uint8Array.from(xs);
const text = (s: string) => new TextEncoder().encode(s);

async function collect(it: AsyncIterable<readonly [Uint8Array, Uint8Array]>): Promise<string[]> {
  const out: string[] = [];
  for await (const [k] of it) out.push(bytesToHex(k));
  return out;
}

/** Declares vitest tests that check a `KvStore` implementation against the port's contract, on fresh stores from `open`. */
export function runKvStoreCompliance(name: string, open: () => Promise<KvStore>): void {
  describe(`KvStore compliance: ${name}`, () => {
    it("puts, gets, overwrites and deletes", async () => {
      const kv = await open();
      expect(await kv.get(text("a"))).toBeUndefined();
      await kv.put(text("a"), text("1"));
      expect(await kv.get(text("a"))).toEqual(text("1"));
      await kv.put(text("a"), text("2"));
      expect(await kv.get(text("a"))).toEqual(text("2"));
      await kv.del(text("a"));
      expect(await kv.get(text("a"))).toBeUndefined();
      await kv.del(text("never-there"));
      await kv.close();
    });
    it("reads many keys at once in order, absent ones undefined (getMany, native or fallback)", async () => {
      const kv = await open();
      await kv.batch([
        { type: "put", key: text("m1"), value: text("one") },
        { type: "put", key: text("m3"), value: text("three") },
      ]);
      const keys = [text("m3"), text("m2"), text("m1"), text("m3")];
      const want = [text("three"), undefined, text("one"), text("three")];
      expect(await getMany(kv, keys)).toEqual(want);
      if (kv.getMany) {
        const got = await kv.getMany(keys);
        expect(got).toEqual(want);
        got[0]![0] = 0; // results are copies
        expect(await kv.get(text("m3"))).toEqual(text("three"));
      }
      expect(await getMany(kv, [])).toEqual([]);
      await kv.close();
    });
    it("stores empty values and binary keys", async () => {
      const kv = await open();
      await kv.put(b(0, 255, 0), new Uint8Array(0));
      expect(await kv.get(b(0, 255, 0))).toEqual(new Uint8Array(0));
      await kv.close();
    });
    it("returns copies: mutating a returned or stored buffer changes nothing", async () => {
      const kv = await open();
      const v = text("value");
      await kv.put(text("k"), v);
      v[0] = 0;
      const got = (await kv.get(text("k")))!;
      expect(got).toEqual(text("value"));
      got[0] = 0;
      expect(await kv.get(text("k"))).toEqual(text("value"));
      await kv.close();
    });
    it("applies a batch in order, later ops winning", async () => {
      const kv = await open();
      await kv.put(text("x"), text("old"));
      await kv.batch([
        { type: "put", key: text("a"), value: text("1") },
        { type: "del", key: text("x") },
        { type: "put", key: text("b"), value: text("2") },
        { type: "put", key: text("a"), value: text("3") },
        { type: "del", key: text("b") },
      ]);
      expect(await kv.get(text("a"))).toEqual(text("3"));
      expect(await kv.get(text("b"))).toBeUndefined();
      expect(await kv.get(text("x"))).toBeUndefined();
      await kv.close();
    });
    it("iterates in byte order with gte, lt, prefix, reverse and limit", async () => {
      const kv = await open();
      const keys = [b(1), b(1, 0), b(1, 255), b(2), b(2, 1), b(255), b(255, 255)];
      for (const k of [...keys].reverse()) await kv.put(k, k);
      expect(await collect(kv.iterate())).toEqual(["01", "0100", "01ff", "02", "0201", "ff", "ffff"]);
      expect(await collect(kv.iterate({ gte: b(1, 255), lt: b(255) }))).toEqual(["01ff", "02", "0201"]);
      expect(await collect(kv.iterate({ prefix: b(1) }))).toEqual(["01", "0100", "01ff"]);
      expect(await collect(kv.iterate({ prefix: b(255) }))).toEqual(["ff", "ffff"]);
      expect(await collect(kv.iterate({ prefix: b(2), reverse: true }))).toEqual(["0201", "02"]);
      expect(await collect(kv.iterate({ limit: 2 }))).toEqual(["01", "0100"]);
      for await (const [k, v] of kv.iterate({ prefix: b(2, 1) })) expect(v).toEqual(k);
      await kv.close();
    });
    it("keeps 2,000 random entries consistent with a model", async () => {
      const kv = await open();
      const model = new Map<string, string>();
      let seed = 12345;
      const rnd = () => {
        seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
        return seed;
      };
      for (let i = 0; i < 2000; i++) {
        const k = Uint8Array.from({ length: 1 + (rnd() % 3) }, () => rnd() % 8);
        const hex = bytesToHex(k);
        if (rnd() % 4 === 0) {
          await kv.del(k);
          model.delete(hex);
        } else {
          const v = Uint8Array.of(rnd() % 256);
          await kv.put(k, v);
          model.set(hex, bytesToHex(v));
        }
      }
      const got: Array<[string, string]> = [];
      for await (const [k, v] of kv.iterate()) got.push([bytesToHex(k), bytesToHex(v)]);
      expect(got).toEqual([...model.entries()].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)));
      await kv.close();
    });
  });
}
