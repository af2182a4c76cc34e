/**
 * Pruning at scale (issue 3): N blocks of U random account updates over A accounts, with a window
 * of W kept versions, against the same run without pruning (the baseline), in memory.
 *   node --conditions=@theta/source --import tsx bench/index.ts [blocks=2000] [updates=100] [window=100] [accounts=100000]
 */
import { performance } from "node:perf_hooks";
import { decodeAccount } from "@theta/core-types";
import { createMemoryKvStore, createVersionedState } from "../src/index.ts";
import { liveStateBytes, runBlocks } from "../test/helpers/workload.ts";

const [blocks = 2000, updates = 100, keep = 100, accounts = 100_000] = process.argv.slice(2).map(Number);
const storageRootsOf = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

async function run(window: number | undefined) {
  const kv = createMemoryKvStore();
  const vs = createVersionedState(
    kv,
    window === undefined ? { storageRootsOf } : { keepVersions: window, storageRootsOf },
  );
  const samples: Array<[number, number]> = [];
  const balances = new Map<number, bigint>();
  const t0 = performance.now();
  const step = Math.max(1, Math.floor(blocks / 5));
  for (let done = 0; done < blocks; done += step) {
    await runBlocks(vs, {
      blocks: Math.min(step, blocks - done),
      updates,
      accounts,
      seed: 7 + done,
      balances,
    });
    samples.push([done + Math.min(step, blocks - done), kv.byteSize()]);
  }
  const secs = (performance.now() - t0) / 1000;
  return { kv, vs, balances, samples, secs };
}

console.log(`${blocks} blocks x ${updates} updates over ${accounts} accounts`);
const pruned = await run(keep);
const full = await run(undefined);
const live = await liveStateBytes(pruned.balances);
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
console.log(`live state                      ${mb(live)}`);
console.log(
  `with pruning (window ${keep})       ${mb(pruned.kv.byteSize())} = ${(pruned.kv.byteSize() / live).toFixed(2)}x live   ${(blocks / pruned.secs).toFixed(1)} blocks/s (${((blocks * updates) / pruned.secs).toFixed(0)} updates/s)`,
);
console.log(
  `without pruning (baseline)      ${mb(full.kv.byteSize())} = ${(full.kv.byteSize() / live).toFixed(2)}x live   ${(blocks / full.secs).toFixed(1)} blocks/s`,
);
console.log(
  "growth (blocks -> store size): pruned",
  pruned.samples.map(([b, s]) => `${b}:${mb(s)}`).join(" "),
  "| unpruned",
  full.samples.map(([b, s]) => `${b}:${mb(s)}`).join(" "),
);
console.log(
  `pruning overhead: ${(pruned.secs / full.secs).toFixed(2)}x the unpruned time; fsck problems: ${(await pruned.vs.verify()).problems.length}`,
);
