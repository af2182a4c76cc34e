/**
 * Genesis import benchmark: streams the privatenet snapshot into an in-memory trie and reports
 * time and peak memory (issue target ≤ 10 s, ≤ 500 MB). Baseline: reading and decoding the same
 * snapshot without writing the trie, measured in the same run.
 */
import { createReadStream } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MAINNET_HEADER_FORKS, openSnapshot } from "@theta/core-types";
import { importSnapshot } from "../src/state/genesisSnapshot.ts";
import { createMemoryTrieDatabase } from "../test/helpers/memoryTrie.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SNAPSHOT = resolve(REPO, "../shared/conformance/theta-privatenet/node/snapshot");

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 20);

const t0 = performance.now();
const snap = await openSnapshot(createReadStream(SNAPSHOT), { forks: MAINNET_HEADER_FORKS });
let n = 0;
for await (const e of snap.entries) if (e.kind === "record") n++;
const baseMs = performance.now() - t0;

const t1 = performance.now();
const db = await createMemoryTrieDatabase();
const { records } = await importSnapshot({ db }, createReadStream(SNAPSHOT), { forks: MAINNET_HEADER_FORKS });
const importMs = performance.now() - t1;
sample();
clearInterval(sampler);

console.log(
  `baseline  decode only   ${n} records  ${baseMs.toFixed(0)} ms  ${((n / baseMs) * 1000).toFixed(0)} ops/s`,
);
console.log(
  `import    into the trie  ${records} records  ${importMs.toFixed(0)} ms  ${((records / importMs) * 1000).toFixed(0)} ops/s  ratio ${(importMs / baseMs).toFixed(1)}x baseline`,
);
console.log(`peak RSS  ${(peak / 2 ** 20).toFixed(0)} MB (target ≤ 500 MB); import target ≤ 10,000 ms`);
