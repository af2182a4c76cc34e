import { decodeAccount, StateKey } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMemoryKvStore, createVersionedState, TrieEngine } from "../src/index.ts";
import { address, liveStateBytes, runBlocks } from "./helpers/workload.ts";

const storageRootsOf = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

describe.each(Object.values(TrieEngine))("reference-counting pruning (%s trie)", (engine) => {
  it("property: any update sequence and window keeps exact counts, every kept version readable, no orphans", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        async (keep, blocks, updates, accounts, seed) => {
          const vs = createVersionedState(createMemoryKvStore(), {
            engine,
            keepVersions: keep,
            storageRootsOf,
          });
          const history: Array<Map<number, bigint>> = [];
          const balances = new Map<number, bigint>();
          for (let b = 0; b < blocks; b++) {
            await runBlocks(vs, { blocks: 1, updates, accounts, seed: seed + b, balances });
            history.push(new Map(balances));
          }
          const kept = await vs.versions();
          expect(kept.length).toBe(Math.min(keep, blocks));
          for (const h of kept) {
            const trie = await vs.open((await vs.rootAt(h))!);
            for (const [i, bal] of history[Number(h) - 1]!) {
              const acc = decodeAccount((await trie.get(StateKey.account(address(i))))!);
              expect(acc.balance.thetaWei).toBe(bal);
            }
          }
          expect((await vs.verify()).problems).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("pruning keeps the store within 2x of the live state; without it the store grows with every block", async () => {
    const blocks = 400;
    const opts = { blocks, updates: 20, accounts: 2000, seed: 99 };
    const prunedKv = createMemoryKvStore();
    const pruned = createVersionedState(prunedKv, { engine, keepVersions: 10, storageRootsOf });
    const balances = await runBlocks(pruned, opts);
    const fullKv = createMemoryKvStore();
    const full = createVersionedState(fullKv, { engine, storageRootsOf });
    await runBlocks(full, opts);
    const live = await liveStateBytes(balances);
    const prunedRatio = prunedKv.byteSize() / live;
    const fullRatio = fullKv.byteSize() / live;
    console.log(
      `pruning: ${blocks} blocks x 20 updates over 2,000 accounts, window 10: store ${prunedKv.byteSize()} B = ${prunedRatio.toFixed(2)}x live (${live} B); unpruned ${fullKv.byteSize()} B = ${fullRatio.toFixed(2)}x`,
    );
    expect(prunedRatio).toBeLessThanOrEqual(2);
    expect(fullRatio).toBeGreaterThan(4 * prunedRatio);
    expect((await pruned.verify()).problems).toEqual([]);
  });
});
