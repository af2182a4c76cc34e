import { decodeAccount, StateKey } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMemoryKvStore, createVersionedState, TrieEngine } from "../src/index.ts";
import { pruningRun } from "./helpers/pruningRun.ts";
import { address, runBlocks } from "./helpers/workload.ts";

const storageRootsOf = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

describe.each(Object.values(TrieEngine))("reference-counting pruning (%s trie)", (engine) => {
  it("property: any update sequence, window, count-cache size and restart keeps exact counts, every kept version readable, no orphans", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        // A count cache smaller than the store (bounded, reads the store), one it outgrows midway,
        // and one that holds every count (complete: no existence reads).
        fc.constantFrom(2, 40, 500_000),
        fc.integer({ min: 0, max: 25 }),
        async (keep, blocks, updates, accounts, seed, countCacheSize, restartAt) => {
          const kv = createMemoryKvStore();
          const open = () =>
            createVersionedState(kv, { engine, keepVersions: keep, storageRootsOf, countCacheSize });
          let vs = open();
          const history: Array<Map<number, bigint>> = [];
          const balances = new Map<number, bigint>();
          for (let b = 0; b < blocks; b++) {
            // A restart: a new instance loads its counts from the store.
            if (b === restartAt) vs = open();
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
});

describe("pruning figures, scaled down (bench/pruning.ts runs 10,000 blocks x 100 updates, window 100)", () => {
  it("300 blocks x 20 updates over 5,000 accounts, window 20: the store stays within 2x of the live state and passes the fsck; unpruned it grows linearly", async () => {
    const base = {
      blocks: 300,
      updates: 20,
      accounts: 5000,
      engine: TrieEngine.Fast,
      seed: 5,
      samples: 3,
      genesis: true,
    };
    const now = () => performance.now();
    const pruned = await pruningRun({ ...base, window: 20 }, now);
    const full = await pruningRun({ ...base, window: undefined }, now);
    expect(pruned.problems).toEqual([]);
    expect(full.problems).toEqual([]);
    expect(pruned.liveBytes).toBe(full.liveBytes);
    expect(pruned.finalBytes / pruned.liveBytes).toBeLessThanOrEqual(2);
    // Without pruning every block adds roughly the same amount: each third adds at least half of the first.
    const [a, b, c] = full.sizes.map(([, bytes]) => bytes);
    const perThird = (a! - full.liveBytes) / 2; // the first third also holds the genesis block
    expect(b! - a!).toBeGreaterThan(perThird);
    expect(c! - b!).toBeGreaterThan(perThird);
    expect(full.finalBytes).toBeGreaterThan(2 * pruned.finalBytes);
    console.log(
      `pruning (scaled): window 20 ${(pruned.finalBytes / pruned.liveBytes).toFixed(2)}x live; unpruned ${(full.finalBytes / full.liveBytes).toFixed(2)}x, sizes ${full.sizes.map(([blk, bytes]) => `${blk}:${bytes}`).join(" ")}`,
    );
  }, 60_000);
});
