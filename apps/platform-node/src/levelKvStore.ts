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
/**
 * A Buffer the binding returned, as a plain Uint8Array (whose `slice` copies, unlike a Buffer's)
 * over the same memory: the binding copies every key and value into a memory block of its own, so
 * a view shares nothing with another result or with the database.
 */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Opens (creating if missing) the LevelDB database at `location`. */
export async function openLevelKvStore(location: string): Promise<KvStore> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(location, {
    keyEncoding: "view",
    valueEncoding: "view",
  });
  await db.open();
  return {
    async get(key) {
      const v = await db.get(key);
      return v === undefined ? undefined : plain(v);
    },
    async getMany(keys) {
      // One call into the native binding for the whole set (trie-store's commit and prune reads).
      const vs = await db.getMany(keys as Uint8Array[]);
      return vs.map((v) => (v === undefined ? undefined : plain(v)));
    },
    async put(key, value) {
      await db.put(key, value);
    },
    async del(key) {
      await db.del(key);
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
      for await (const [k, v] of db.iterator(opts)) yield [plain(k), plain(v)] as const;
    },
    async close() {
      await db.close();
    },
  };
}
