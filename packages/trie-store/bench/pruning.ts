/**
 * Pruning figures: N blocks of U random account updates over A accounts (all written
 * once first), committed with a window of W kept versions, against the same run without pruning
 * (the baseline) and the live state's own size; our trie on an in-memory store.
 *   node --conditions=@theta/source --import tsx bench/pruning.ts [blocks=10000] [updates=100] [window=100] [accounts=100000] [--only=pruned|unpruned]
 * The unpruned run skips the fsck (it would walk every node of every version).
 */
import { performance } from "node:perf_hooks";
import { TrieEngine } from "../src/index.ts";
import { type PruningRun, pruningRun } from "../test/helpers/pruningRun.ts";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const [blocks = 10_000, updates = 100, window = 100, accounts = 100_000] = args
  .filter((a) => !a.startsWith("--"))
  .map(Number);
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const progress = (block: number, bytes: number) =>
  process.stderr.write(`  … block ${block} of ${blocks}: store ${mb(bytes)}\n`);
const base = {
  blocks,
  updates,
  accounts,
  engine: TrieEngine.Fast,
  seed: 7,
  samples: 10,
  genesis: true,
  onSample: progress,
};
const show = (name: string, r: PruningRun) => {
  console.log(
    `${name.padEnd(28)} ${mb(r.finalBytes).padStart(10)} = ${(r.finalBytes / r.liveBytes).toFixed(2)}x live  ${r.updatesPerSecond.toFixed(0)} updates/s  ${name.startsWith("with") ? `fsck problems: ${r.problems.length}` : "(no fsck)"}`,
  );
  console.log(`  growth (block: size) ${r.sizes.map(([b, s]) => `${b}: ${mb(s)}`).join(", ")}`);
};

console.log(`${blocks} blocks x ${updates} updates over ${accounts} accounts (all written once first)`);
const now = () => performance.now();
const pruned = only === "unpruned" ? undefined : await pruningRun({ ...base, window }, now);
if (pruned) {
  console.log(`live state                   ${mb(pruned.liveBytes).padStart(10)}`);
  show(`with pruning (window ${window})`, pruned);
}
const full =
  only === "pruned" ? undefined : await pruningRun({ ...base, window: undefined, fsck: false }, now);
if (full) {
  if (!pruned) console.log(`live state                   ${mb(full.liveBytes).padStart(10)}`);
  show("without pruning (baseline)", full);
}
if (pruned && full) {
  console.log(
    `pruned store = ${(pruned.finalBytes / full.finalBytes).toFixed(3)}x the unpruned one; pruning costs ${(full.updatesPerSecond / pruned.updatesPerSecond).toFixed(2)}x the unpruned time`,
  );
}
