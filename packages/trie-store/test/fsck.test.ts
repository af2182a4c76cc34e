import { bytesToHex, encodeAccount, newAccount, rlpEncode, StateKey, ZERO_HASH } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { decodeCount, encodeCount } from "../src/countCache.ts";
import {
  COUNT_PREFIX,
  createMemoryKvStore,
  createVersionedState,
  type MemoryKvStore,
  NODE_PREFIX,
  TrieEngine,
  type VersionedState,
} from "../src/index.ts";
import { storageRootsOf } from "./helpers/pruningRun.ts";
import { runBlocks } from "./helpers/workload.ts";

/**
 * The fsck (`VersionedState.verify`) must find each kind of damage a crash or a bug could leave: a
 * count record that disagrees with the references, a node nothing reaches, a node a kept version needs
 * but the store lacks, and a count record without its node. Each test damages one thing in a store
 * the fsck found clean, and expects a report naming the damaged node.
 */
const withPrefix = (prefix: Uint8Array, hash: Uint8Array): Uint8Array => {
  const k = new Uint8Array(1 + hash.length);
  k.set(prefix);
  k.set(hash, 1);
  return k;
};

interface Damaged {
  readonly kv: MemoryKvStore;
  readonly vs: VersionedState;
}

for (const engine of [TrieEngine.Mpt, TrieEngine.Fast]) {
  describe(`fsck finds damaged stores (${engine} engine)`, () => {
    /** Six kept versions of a random workload: shared nodes have count records of 2 and more. */
    const build = async (): Promise<Damaged> => {
      const kv = createMemoryKvStore();
      const vs = createVersionedState(kv, { engine, storageRootsOf });
      await runBlocks(vs, { blocks: 6, updates: 12, accounts: 60, seed: 11 });
      expect((await vs.verify()).problems).toEqual([]);
      return { kv, vs: createVersionedState(kv, { engine, storageRootsOf }) };
    };
    const records = async (kv: MemoryKvStore) => {
      const out: { hash: Uint8Array; count: number }[] = [];
      for await (const [k, v] of kv.iterate({ prefix: COUNT_PREFIX }))
        out.push({ hash: k.slice(1), count: decodeCount(v) });
      return out;
    };
    const unrecordedNodes = async (kv: MemoryKvStore) => {
      const out: Uint8Array[] = [];
      for await (const [k] of kv.iterate({ prefix: NODE_PREFIX }))
        if ((await kv.get(withPrefix(COUNT_PREFIX, k.subarray(1)))) === undefined) out.push(k.slice(1));
      return out;
    };

    it("a count record one too high", async () => {
      const { kv, vs } = await build();
      const [r] = await records(kv);
      expect(r).toBeDefined();
      const { hash, count } = r!;
      await kv.put(withPrefix(COUNT_PREFIX, hash), encodeCount(count + 1));
      expect((await vs.verify()).problems).toContain(
        `count of ${bytesToHex(hash)}: stored ${count + 1}, expected ${count}`,
      );
    });

    it("a count record one too low", async () => {
      const { kv, vs } = await build();
      const [r] = await records(kv);
      const { hash, count } = r!;
      await kv.put(withPrefix(COUNT_PREFIX, hash), encodeCount(count - 1));
      expect((await vs.verify()).problems).toContain(
        `count of ${bytesToHex(hash)}: stored ${count - 1}, expected ${count}`,
      );
    });

    it("a lost count record (the node then counts 1)", async () => {
      const { kv, vs } = await build();
      const [r] = await records(kv);
      const { hash, count } = r!;
      expect(count).toBeGreaterThanOrEqual(2);
      await kv.del(withPrefix(COUNT_PREFIX, hash));
      expect((await vs.verify()).problems).toContain(
        `count of ${bytesToHex(hash)}: stored 1, expected ${count}`,
      );
    });

    it("a count record written for a node with a single parent", async () => {
      const { kv, vs } = await build();
      const [hash] = await unrecordedNodes(kv);
      await kv.put(withPrefix(COUNT_PREFIX, hash!), encodeCount(3));
      expect((await vs.verify()).problems).toContain(`count of ${bytesToHex(hash!)}: stored 3, expected 1`);
    });

    it("an orphan node that no kept version reaches", async () => {
      const { kv, vs } = await build();
      const body = rlpEncode([Uint8Array.of(0x20, 1, 2, 3), Uint8Array.of(0x42)]);
      const hash = defaultCrypto.keccak256(body);
      await kv.put(withPrefix(NODE_PREFIX, hash), body);
      const { problems } = await vs.verify();
      expect(problems).toContain(`orphan node ${bytesToHex(hash)}`);
    });

    it("a node a kept version needs, deleted", async () => {
      const { kv, vs } = await build();
      const [hash] = await unrecordedNodes(kv);
      await kv.del(withPrefix(NODE_PREFIX, hash!));
      expect((await vs.verify()).problems).toContain(`missing node ${bytesToHex(hash!)}`);
    });

    it("the root of a kept version, deleted with its count record", async () => {
      const { kv, vs } = await build();
      const latest = await vs.latest();
      const root = latest!.root;
      await kv.del(withPrefix(NODE_PREFIX, root));
      await kv.del(withPrefix(COUNT_PREFIX, root));
      expect((await vs.verify()).problems).toContain(`missing node ${bytesToHex(root)}`);
    });

    it("a count record left without its node", async () => {
      const { kv, vs } = await build();
      const hash = new Uint8Array(32).fill(0xab);
      await kv.put(withPrefix(COUNT_PREFIX, hash), encodeCount(2));
      expect((await vs.verify()).problems).toContain(
        `count record of ${bytesToHex(hash)} (2) without its node`,
      );
    });

    it("a storage-trie node reached only through an account's storage root, deleted", async () => {
      const kv = createMemoryKvStore();
      const vs = createVersionedState(kv, { engine, storageRootsOf });
      const storage = vs.openStorage(ZERO_HASH);
      for (let i = 1; i <= 20; i++) await storage.put(new Uint8Array(32).fill(i), Uint8Array.of(0x80 + i));
      const storageRoot = storage.root();
      const state = await vs.open();
      const a = new Uint8Array(20).fill(0xc1);
      await state.put(StateKey.account(a), encodeAccount({ ...newAccount(a), root: storageRoot }));
      await vs.commit(1n, state.root());
      expect((await vs.verify()).problems).toEqual([]);
      await kv.del(withPrefix(NODE_PREFIX, storageRoot));
      expect((await vs.verify()).problems).toContain(`missing node ${bytesToHex(storageRoot)}`);
    });
  });
}
