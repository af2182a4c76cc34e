/**
 * The KvStore port on LevelDB (classic-level): byte keys and values, atomic batches, ordered
 * iteration. Passes trie-store's compliance suite. The one LevelDB store of the repository: the
 * node and every bench open theirs here. Imported as `@theta/platform-node/level`, so that the
 * package's main entry (the wallet's) does not load the native binding.
 */
import type { KvBatchOp, KvRange, KvStore } from "@theta/trie-store";
import { prefixUpperBound } from "@theta/trie-store";
import { ClassicLevel } from "classic-level";

const bytes = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Opens (creating if missing) the LevelDB database at `location`. */
export async function openLevelKvStore(location: string): Promise<KvStore> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(location, {
    keyEncoding: "view",
    valueEncoding: "view",
  });
  await db.open();
  return {
    async get(key) {
      const v = await db.get(bytes(key));
      return v === undefined ? undefined : new Uint8Array(v);
    },
    async getMany(keys) {
      // One call into the native binding for the whole set (trie-store's commit and prune reads).
      const vs = await db.getMany(keys.map(bytes));
      return vs.map((v) => (v === undefined ? undefined : new Uint8Array(v)));
    },
    async put(key, value) {
      await db.put(bytes(key), bytes(value));
    },
    async del(key) {
      await db.del(bytes(key));
    },
    async batch(ops: readonly KvBatchOp[]) {
      if (ops.length === 0) return;
      // A chained batch: about twice as fast as db.batch(array) for the trie-store's commits of
      // ten thousand and more operations (no intermediate array of operation objects).
      // The "view" encoding takes any Uint8Array as it is (no Buffer wrapper per key and value).
      const chain = db.batch();
      for (const op of ops) {
        if (op.type === "put") chain.put(op.key, op.value);
        else chain.del(op.key);
      }
      await chain.write();
    },
    async *iterate(range: KvRange = {}) {
      let gte = range.gte;
      let lt = range.lt;
      if (range.prefix) {
        if (!gte || Buffer.compare(bytes(range.prefix), bytes(gte)) > 0) gte = range.prefix;
        const ub = prefixUpperBound(range.prefix);
        if (ub && (!lt || Buffer.compare(bytes(ub), bytes(lt)) < 0)) lt = ub;
      }
      const opts: { gte?: Buffer; lt?: Buffer; reverse?: boolean; limit?: number } = {};
      if (gte) opts.gte = bytes(gte);
      if (lt) opts.lt = bytes(lt);
      if (range.reverse) opts.reverse = true;
      if (range.limit !== undefined) opts.limit = range.limit;
      for await (const [k, v] of db.iterator(opts)) yield [new Uint8Array(k), new Uint8Array(v)] as const;
    },
    async close() {
      await db.close();
    },
  };
}
