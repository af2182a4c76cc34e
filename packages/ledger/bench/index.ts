/**
 * Ledger benchmarks, figures printed with their ratio to a baseline measured in the same
 * run:
 * 1. privatenet snapshot import, each in its own process (time and peak RSS; target ≤ 10 s and
 *    ≤ 500 MB): the test helper's @ethereumjs/mpt trie (baseline), trie-store on @ethereumjs/mpt,
 *    trie-store's fast trie in memory and on LevelDB;
 * 2. N signed SendTx from distinct senders in blocks with a commit per block on LevelDB, native
 *    and noble crypto, fast trie and @ethereumjs/mpt, against @ethereumjs/vm runTx (target ≥ 5,000
 *    tx/s native and ≥ 5x the baseline); also with each block's signatures checked ahead on
 *    worker threads (platform-node's pool; the next block's while one executes).
 * It runs the packages' build (dist/, what users import; tsx's transpiled sources name every
 * closure they create, which made this bench 10–25% slower), so `npm run bench` builds first.
 * The native fast-trie figures are the median of three runs (the line prints all three).
 *   node --import tsx bench/index.ts [txs=10000] [block=1000] [--no-import]
 */
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto-native";
import { createSignatureWorkers } from "@theta/platform-node";
import { TrieEngine } from "@theta/trie-store";
import { buildSends, runEthereumSends, runThetaSends } from "./sendTx.ts";

const args = process.argv.slice(2);
const [n = 10_000, block = 1000] = args.filter((a) => !a.startsWith("--")).map(Number);
const here = dirname(fileURLToPath(import.meta.url));

if (!args.includes("--no-import")) {
  console.log("privatenet snapshot import (25,955 records), one process each");
  let base = 0;
  for (const engine of ["helper", "mpt", "fast", "fast-level"]) {
    const out = execFileSync(process.execPath, ["--import", "tsx", join(here, "snapshotImport.ts"), engine], {
      encoding: "utf8",
    });
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as { ms: number; peakMb: number; root: string };
    if (engine === "helper") base = r.ms;
    console.log(
      `  ${engine.padEnd(11)} ${r.ms.toFixed(0).padStart(7)} ms  peak RSS ${r.peakMb.toFixed(0).padStart(4)} MB  ${(base / r.ms).toFixed(1)}x the helper  root ${r.root.slice(0, 8)}…`,
    );
  }
}

const native = createCrypto(nativeBackend);
const noble = createCrypto(nobleBackend);
const rounds = 3;
console.log(`${n} SendTx from distinct senders, blocks of ${block}, a commit per block on LevelDB`);
const work = buildSends(native, n);
const baseline = await runEthereumSends(n, block);
const line = (name: string, tps: number, all?: number[]) =>
  console.log(
    `  ${name.padEnd(44)} ${tps.toFixed(0).padStart(7)} tx/s  ${(tps / baseline).toFixed(1)}x baseline${all ? `  (median of ${all.map((x) => x.toFixed(0)).join(", ")})` : ""}`,
  );
/** The median of `rounds` runs (the machine is shared; each run is printed). */
const median = async (run: () => Promise<number>): Promise<[number, number[]]> => {
  const all: number[] = [];
  for (let i = 0; i < rounds; i++) all.push(await run());
  return [[...all].sort((a, b) => a - b)[Math.floor(all.length / 2)]!, all];
};
line("baseline: @ethereumjs/vm runTx (in-memory)", baseline);
let phases = { execute: 0, root: 0, commit: 0 };
const keep = (ms: typeof phases) => {
  phases = ms;
};
const showPhases = () =>
  console.log(
    `    (last run: execute ${phases.execute.toFixed(0)} ms, trie commit ${phases.root.toFixed(0)} ms, versioned commit on LevelDB ${phases.commit.toFixed(0)} ms)`,
  );
line(
  "fast trie, native crypto",
  ...(await median(() => runThetaSends(work, native, TrieEngine.Fast, block, keep))),
);
showPhases();
const workers = await createSignatureWorkers({ backend: "native" });
line(
  `fast trie, native, signatures on ${workers.threads} threads`,
  ...(await median(() => runThetaSends(work, native, TrieEngine.Fast, block, keep, workers))),
);
showPhases();
await workers.close();
line("fast trie, noble crypto", await runThetaSends(work, noble, TrieEngine.Fast, block));
line("@ethereumjs/mpt trie, native crypto", await runThetaSends(work, native, TrieEngine.Mpt, block));
