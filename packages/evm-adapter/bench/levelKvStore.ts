/** A small KvStore on classic-level for the benchmark (the node has its own adapter in apps/node). */
import { type KvRange, type KvStore, prefixUpperBound } from "@theta/trie-store";
import { ClassicLevel } from "classic-level";

/** Opens (creating) a LevelDB store at `location`. */
export async function openBenchLevelStore(location: string): Promise<KvStore> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(location, {
    keyEncoding: "view",
    valueEncoding: "view",
  });
  await db.open();
  return {
    get: (key) => db.get(key),
    getMany: (keys) => db.getMany([...keys]),
    put: (key, value) => db.put(key, value),
    del: (key) => db.del(key),
    async batch(ops) {
      if (ops.length > 0) await db.batch(ops.map((op) => ({ ...op })) as never);
    },
    async *iterate(range: KvRange = {}) {
      const opts: { gte?: Uint8Array; lt?: Uint8Array; reverse?: boolean; limit?: number } = {};
      const gte = range.prefix ?? range.gte;
      const lt = range.prefix === undefined ? range.lt : prefixUpperBound(range.prefix);
      if (gte !== undefined) opts.gte = gte;
      if (lt !== undefined) opts.lt = lt;
      if (range.reverse === true) opts.reverse = true;
      if (range.limit !== undefined) opts.limit = range.limit;
      for await (const [k, v] of db.iterator(opts)) yield [k, v] as const;
    },
    close: () => db.close(),
  };
}
