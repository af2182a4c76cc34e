import { decodeAccount, encodeAccount, type Hash, newAccount, StateKey, ZERO_HASH } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createMemoryKvStore, createVersionedState, type KvStore, TrieEngine } from "../src/index.ts";
import {
  createFaultyKvStore,
  FaultyKvErrorCode,
  forEachCrashPoint,
  runKvStoreCompliance,
} from "../src/testing/index.ts";
import { storageRootsOf } from "./helpers/pruningRun.ts";
import { address, rng } from "./helpers/workload.ts";

const text = (s: string) => new TextEncoder().encode(s);

runKvStoreCompliance("faulty wrapper without faults", async () => createFaultyKvStore(createMemoryKvStore()));

describe("the fault-injecting KvStore", () => {
  it("applies writes 0 … killAfter−1, then throws KV_FAULT_KILLED on every call and never closes the store", async () => {
    const inner = createMemoryKvStore();
    const kv = createFaultyKvStore(inner, { killAfter: 2 });
    await kv.put(text("a"), text("1"));
    await kv.batch([
      { type: "put", key: text("b"), value: text("2") },
      { type: "put", key: text("c"), value: text("3") },
    ]);
    await kv.batch([]); // no write: not counted
    await expect(kv.del(text("a"))).rejects.toMatchObject({ code: FaultyKvErrorCode.Killed });
    expect(kv.killed()).toBe(true);
    expect([kv.applied(), kv.attempts()]).toEqual([2, 3]);
    await expect(kv.get(text("a"))).rejects.toMatchObject({ code: FaultyKvErrorCode.Killed });
    await expect(kv.put(text("d"), text("4"))).rejects.toMatchObject({ code: FaultyKvErrorCode.Killed });
    await kv.close();
    // The underlying store holds exactly the applied writes and is still open.
    expect(inner.size()).toBe(3);
    expect(await inner.get(text("a"))).toEqual(text("1"));
    expect(await inner.get(text("d"))).toBeUndefined();
  });

  it("a killed batch leaves none of its operations", async () => {
    const inner = createMemoryKvStore();
    const kv = createFaultyKvStore(inner, { killAfter: 0 });
    await expect(
      kv.batch([
        { type: "put", key: text("x"), value: text("1") },
        { type: "put", key: text("y"), value: text("2") },
      ]),
    ).rejects.toMatchObject({ code: FaultyKvErrorCode.Killed });
    expect(inner.size()).toBe(0);
  });

  it("failAt fails single writes without applying them; later writes go through", async () => {
    const inner = createMemoryKvStore();
    const kv = createFaultyKvStore(inner, { failAt: [1, 2] });
    await kv.put(text("a"), text("1"));
    await expect(kv.put(text("b"), text("2"))).rejects.toMatchObject({ code: FaultyKvErrorCode.Injected });
    await expect(kv.batch([{ type: "del", key: text("a") }])).rejects.toMatchObject({
      code: FaultyKvErrorCode.Injected,
    });
    await kv.put(text("c"), text("3"));
    expect([kv.applied(), kv.attempts(), kv.killed()]).toEqual([2, 4, false]);
    expect([...(await Promise.all(["a", "b", "c"].map((k) => inner.get(text(k)))))]).toEqual([
      text("1"),
      undefined,
      text("3"),
    ]);
  });

  it("forEachCrashPoint replays a scenario with a kill at every write and checks each restart", async () => {
    const seen: Array<[number, number]> = [];
    const { points, writes } = await forEachCrashPoint({
      async run(kv) {
        for (let i = 0; i < 4; i++) await kv.put(text(`k${i}`), text(`${i}`));
      },
      async check(kv, at) {
        let n = 0;
        for await (const _ of kv.iterate()) n++;
        seen.push([at.applied, n]);
      },
    });
    expect([points, writes]).toEqual([5, 4]);
    expect(seen).toEqual([
      [4, 4],
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it("forEachCrashPoint refuses a scenario that does not make the same writes each time", async () => {
    let runs = 0;
    await expect(
      forEachCrashPoint({
        async run(kv) {
          if (runs++ === 0) await kv.put(text("a"), text("1"));
        },
        async check() {},
      }),
    ).rejects.toThrow(/not deterministic/);
  });
});

/**
 * The state commit under crashes: blocks of account updates (every third also changes a contract's
 * storage trie) committed with a window of kept versions, so the writes are one commit batch per
 * block and one prune batch per block past the window.
 */
const BLOCKS = 9;
const KEEP = 3;
const CONTRACT = 999;

interface Block {
  readonly balances: ReadonlyArray<readonly [number, bigint]>;
  readonly slot?: number;
}

function workload(seed: number): Block[] {
  const r = rng(seed);
  // One block more than the crashed runs commit: the restarted node commits it too.
  return Array.from({ length: BLOCKS + 1 }, (_, b) => ({
    balances: Array.from(
      { length: 15 },
      () => [Math.floor(r() * 80), BigInt(Math.floor(r() * 1e9)) + 1n] as const,
    ),
    ...(b % 3 === 0 ? { slot: b } : {}),
  }));
}

/** Balances (and the contract's slot count) after each block, 1-based by height. */
function expectedAfter(blocks: readonly Block[]): Array<{ balances: Map<number, bigint>; slots: number }> {
  const out: Array<{ balances: Map<number, bigint>; slots: number }> = [];
  const balances = new Map<number, bigint>();
  let slots = 0;
  for (const b of blocks) {
    for (const [i, bal] of b.balances) balances.set(i, bal);
    if (b.slot !== undefined) slots++;
    out.push({ balances: new Map(balances), slots });
  }
  return out;
}

const slotKey = (i: number) => new Uint8Array(32).fill(i + 1);

/** The write sequence of the commit loop: which versions are kept after each write. */
function versionsAfterWrites(): bigint[][] {
  const out: bigint[][] = [[]];
  const kept: bigint[] = [];
  for (let h = 1n; h <= BigInt(BLOCKS + 1); h++) {
    kept.push(h);
    out.push([...kept]);
    if (kept.length > KEEP) {
      kept.shift();
      out.push([...kept]);
    }
  }
  return out;
}

for (const engine of [TrieEngine.Mpt, TrieEngine.Fast]) {
  describe(`state commit and pruning under faults (${engine} engine)`, () => {
    const open = (kv: KvStore) => createVersionedState(kv, { engine, keepVersions: KEEP, storageRootsOf });
    const blocks = workload(7);
    const expected = expectedAfter(blocks);

    /** Commits block `b` (0-based) at height b+1 on the latest version. */
    const commitBlock = async (vs: ReturnType<typeof open>, b: number): Promise<void> => {
      const block = blocks[b]!;
      const trie = await vs.open();
      for (const [i, bal] of block.balances) {
        const acc = { ...newAccount(address(i)), balance: { thetaWei: bal, tfuelWei: 1n } };
        await trie.put(StateKey.account(address(i)), encodeAccount(acc));
      }
      if (block.slot !== undefined) {
        const key = StateKey.account(address(CONTRACT));
        const raw = await trie.get(key);
        const prev = raw === undefined ? newAccount(address(CONTRACT)) : decodeAccount(raw);
        const storage = vs.openStorage(raw === undefined ? ZERO_HASH : prev.root);
        await storage.put(slotKey(block.slot), Uint8Array.of(0x80 + block.slot));
        await trie.put(key, encodeAccount({ ...prev, root: storage.root() }));
      }
      await vs.commit(BigInt(b + 1), trie.root());
    };

    /** Every kept version reads back the balances and contract slots it was committed with. */
    const readBack = async (vs: ReturnType<typeof open>, heights: readonly bigint[]): Promise<void> => {
      for (const h of heights) {
        const root = (await vs.rootAt(h)) as Hash;
        const trie = await vs.open(root);
        const want = expected[Number(h) - 1]!;
        for (const [i, bal] of want.balances) {
          const acc = decodeAccount((await trie.get(StateKey.account(address(i))))!);
          expect(acc.balance.thetaWei).toBe(bal);
        }
        const contract = await trie.get(StateKey.account(address(CONTRACT)));
        expect(contract !== undefined).toBe(want.slots > 0);
        if (contract !== undefined) {
          const storage = vs.openStorage(decodeAccount(contract).root);
          let slots = 0;
          for (let s = 0; s <= BLOCKS; s++) if ((await storage.get(slotKey(s))) !== undefined) slots++;
          expect(slots).toBe(want.slots);
        }
      }
    };

    it("a kill at every write: the restart finds the old or the new version, every kept version readable, fsck clean, and commits on", async () => {
      const after = versionsAfterWrites();
      const done = after.at(-1);
      const { points, writes } = await forEachCrashPoint({
        async run(kv) {
          const vs = open(kv);
          for (let b = 0; b < BLOCKS; b++) await commitBlock(vs, b);
        },
        async check(kv, at) {
          const vs = open(kv);
          const versions = await vs.versions();
          expect(versions).toEqual(after[at.applied]);
          await readBack(vs, versions);
          expect((await vs.verify()).problems).toEqual([]);
          // The restarted node goes on: it commits the block the crash interrupted, the rest, and one
          // more (a kill between a commit and its prune leaves one version too many until the next commit).
          const next = versions.length === 0 ? 0 : Number(versions[versions.length - 1]);
          for (let b = next; b <= BLOCKS; b++) await commitBlock(vs, b);
          const final = await vs.versions();
          expect(final).toEqual(done);
          await readBack(vs, final);
          expect((await vs.verify()).problems).toEqual([]);
        },
      });
      // One commit batch per block, one prune batch per block past the window.
      expect(writes).toBe(BLOCKS + (BLOCKS - KEEP));
      expect(points).toBe(writes + 1);
    });

    it("a failed write at every index, without a restart: the same instance retries the block and stays consistent", async () => {
      // A failure at each write of the first BLOCKS blocks; the last block's commit prunes what a
      // failed prune left.
      const total = BLOCKS + (BLOCKS - KEEP);
      let failures = 0;
      for (let w = 0; w < total; w++) {
        const kv = createFaultyKvStore(createMemoryKvStore(), { failAt: [w] });
        const vs = open(kv);
        for (let b = 0; b <= BLOCKS; b++) {
          try {
            await commitBlock(vs, b);
          } catch (e) {
            expect(e).toMatchObject({ code: FaultyKvErrorCode.Injected });
            failures++;
            // A failed commit batch left nothing: the block is executed and committed again. A failed
            // prune left the commit in place: the next commit prunes both.
            if ((await vs.latest())?.height !== BigInt(b + 1)) await commitBlock(vs, b);
          }
        }
        expect(await vs.versions()).toEqual(versionsAfterWrites().at(-1));
        await readBack(vs, await vs.versions());
        expect((await vs.verify()).problems).toEqual([]);
        // And a restart agrees.
        expect((await open(kv.inner).verify()).problems).toEqual([]);
      }
      expect(failures).toBe(total);
    });
  });
}
