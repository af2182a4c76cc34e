/** A LevelDB KvStore (classic-level) for the benchmarks; the node's own adapter lives in apps/node. */
import type { KvBatchOp, KvRange, KvStore } from "@theta/trie-store";
import { prefixUpperBound } from "@theta/trie-store";
import { ClassicLevel } from "classic-level";

const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Opens (creating) a LevelDB store at `dir`. */
export async function openLevelStore(dir: string): Promise<KvStore> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view" });
  await db.open();
  return {
    get: async (key) => (await db.get(buf(key))) ?? undefined,
    getMany: (keys) => db.getMany(keys.map(buf)),
    put: (key, value) => db.put(buf(key), buf(value)),
    del: (key) => db.del(buf(key)),
    async batch(ops: readonly KvBatchOp[]) {
      if (ops.length === 0) return;
      const chain = db.batch(); // the "view" encoding takes Uint8Arrays as they are
      for (const op of ops) {
        if (op.type === "put") chain.put(op.key, op.value);
        else chain.del(op.key);
      }
      await chain.write();
    },
    async *iterate(range: KvRange = {}) {
      const opts: { gte?: Uint8Array; lt?: Uint8Array; reverse?: boolean; limit?: number } = {};
      const gte = range.prefix ?? range.gte;
      const lt = range.prefix ? prefixUpperBound(range.prefix) : range.lt;
      if (gte) opts.gte = buf(gte);
      if (lt) opts.lt = buf(lt);
      if (range.reverse) opts.reverse = true;
      if (range.limit !== undefined) opts.limit = range.limit;
      for await (const [k, v] of db.iterator(opts)) yield [k, v] as const;
    },
    close: () => db.close(),
  };
}
