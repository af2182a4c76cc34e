/**
 * `bench:node`: the node load generator. Builds a genesis with 1,000 funded accounts
 * plus the privatenet validator, starts `theta start` as a child process on free ports, submits
 * pre-signed SendTxs over `theta.BroadcastRawTransactionAsync` with bounded concurrency for
 * `--seconds`, follows finalized blocks to time each tx from submit to finalization, and prints
 * finalized tx/s, latency p50/p99, rejected submissions and the node's resident memory. Baseline,
 * measured in the same run against the same node: `theta.GetVersion` round trips per second at
 * the same concurrency (the RPC path's ceiling with no ledger work).
 *
 * Flags: --seconds N (60), --accounts N (1000), --block-ms N (2000, the privatenet interval),
 * --max-txs N (the node's `consensus.maxTxsPerBlock`; 512, the profile's),
 * --concurrency N (32 submit requests in flight), --window N (1024 submitted, not yet finalized),
 * --batch N (txs per submit request: 1, or JSON-RPC batches of N), --rpc-idle-secs N (the node's
 * `rpc.idleTimeoutSecs`, 5: at the reference's 1 Node's http client reuses no connection),
 * --crypto native|noble (the node's `crypto.backend`, native), --trie fast|mpt (`storage.trieEngine`, fast),
 * --profile (the node runs with --cpu-prof; its self time is summarized by package and function),
 * --profile-out FILE (with --profile: keep the raw .cpuprofile there, e.g. for Chrome DevTools).
 */

import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { privatenet, utf8ToBytes } from "@theta/core-types";
import { defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { deriveAccounts, loadGenesisDescription, presignSends, signingCrypto } from "./loadAccounts.ts";
import { prepareNodeDir, removeNodeDir, startLoadNode } from "./loadNode.ts";
import { copyProfile, summarizeProfileDir } from "./loadProfile.ts";
import { createLoadRpcClient, type LoadRpcClient } from "./loadRpc.ts";
import { runLoad } from "./loadRun.ts";
import { fmt, percentile } from "./loadStats.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    accounts: { type: "string", default: "1000" },
    "block-ms": { type: "string", default: String(privatenet.blockIntervalMs) },
    "max-txs": { type: "string", default: String(privatenet.maxTxsPerBlock) },
    concurrency: { type: "string", default: "32" },
    window: { type: "string", default: "1024" },
    batch: { type: "string", default: "1" },
    "rpc-idle-secs": { type: "string", default: "5" },
    profile: { type: "boolean", default: false },
    "profile-out": { type: "string" },
    crypto: { type: "string", default: "native" },
    trie: { type: "string", default: "fast" },
  },
});
const seconds = Number(values.seconds);
const accountCount = Number(values.accounts);
const blockMs = Number(values["block-ms"]);
const maxTxs = Number(values["max-txs"]);
const concurrency = Number(values.concurrency);
const windowSize = Number(values.window);

/** Signature recoveries per second of `c` over `ms` (the node recovers each tx's signer several times). */
function recoverRate(c: ThetaCrypto, ms: number): number {
  const msg = utf8ToBytes("theta bench:node recover");
  const sig = c.sign(msg, c.keccak256(msg));
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    if (c.recoverAddress(msg, sig) === undefined) throw new Error("recoverAddress failed");
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

/** `theta.GetVersion` round trips per second at `concurrency`, over `ms`. */
async function baselineRate(rpc: LoadRpcClient, ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const r = await rpc.call("theta.GetVersion", {});
      if (r.error !== undefined) throw new Error(`theta.GetVersion: ${r.error.message}`);
      n++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (n * 1000) / (performance.now() - start);
}

const cap = maxTxs;
const capRate = (cap * 1000) / blockMs;
// Enough txs for the window at the block cap (plus 20%), whole rounds of every account.
const rounds = Math.max(2, Math.ceil((capRate * seconds * 1.2) / accountCount));
const crypto = await signingCrypto();
console.log(
  `setup: ${accountCount} accounts, ${rounds} rounds (${rounds * accountCount} SendTxs), signing with ${crypto.backend.name}`,
);
console.log(
  `setup: secp256k1 recover in this process: noble ${fmt(recoverRate(defaultCrypto, 1000))}/s, ${crypto.backend.name} ${fmt(recoverRate(crypto, 1000))}/s`,
);
const accounts = deriveAccounts(crypto, "theta-bench-node", accountCount);
let t = performance.now();
const txs = presignSends(crypto, privatenet.chainId, accounts, rounds);
console.log(`setup: pre-signed ${txs.length} txs in ${fmt((performance.now() - t) / 1000, 1)} s`);
t = performance.now();
const nodeDir = await prepareNodeDir(loadGenesisDescription(crypto, accounts), {
  blockIntervalMs: blockMs,
  maxTxsPerBlock: maxTxs,
  rpcIdleSecs: Number(values["rpc-idle-secs"]),
  cryptoBackend: values.crypto,
  trieEngine: values.trie,
});
console.log(
  `setup: genesis ${nodeDir.genesisHash} (${nodeDir.records} state records) in ${fmt((performance.now() - t) / 1000, 1)} s`,
);
const profileDir = join(nodeDir.root, "prof");
const node = await startLoadNode(
  nodeDir.dir,
  values.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
);
console.log(
  `node: pid ${node.pid}, RPC 127.0.0.1:${node.rpcPort}, block interval ${blockMs} ms, cap ${cap} txs/block (${fmt(capRate)} tx/s), crypto.backend ${values.crypto}, storage.trieEngine ${values.trie}`,
);
if (node.warnings.some((w) => w.includes("native modules unavailable")))
  console.log("node: WARNING the native crypto modules did not load; the node runs on noble");
const rpc = createLoadRpcClient(node.rpcPort, concurrency + 2);
try {
  const rssStart = await node.rssKiB();
  const base = await baselineRate(rpc, 3000);
  console.log(`baseline: theta.GetVersion x${concurrency} concurrent: ${fmt(base)} calls/s`);
  const cpuNode0 = await node.cpuSeconds();
  const cpuSelf0 = process.cpuUsage();
  const r = await runLoad(rpc, txs, {
    seconds,
    concurrency,
    window: windowSize,
    batch: Number(values.batch),
  });
  const cpuNode = (await node.cpuSeconds()) ?? Number.NaN;
  const cpuSelf = process.cpuUsage(cpuSelf0);
  const cpuGen = (cpuSelf.user + cpuSelf.system) / 1e6;
  const rssEnd = await node.rssKiB();
  const lat = r.latenciesMs;
  const rate = r.finalizedInWindow / seconds;
  // Block tx counts include the proposer's coinbase tx; the cap counts regular txs only.
  const full = r.blockSizes.filter((n) => n > cap).length;
  console.log("");
  console.log(`window: ${seconds} s, ${r.submitted} submitted (${fmt(r.submitted / seconds)} /s accepted)`);
  console.log(`rejected submissions: ${r.rejected}${r.rejectSample ? ` (e.g. "${r.rejectSample}")` : ""}`);
  console.log(`finalized in window: ${r.finalizedInWindow} -> ${fmt(rate, 1)} tx/s sustained`);
  console.log(
    `latency submit->finalized: p50 ${fmt(percentile(lat, 50))} ms, p99 ${fmt(percentile(lat, 99))} ms (${lat.length} txs; ${r.unfinalized} submitted never seen finalized)`,
  );
  console.log(
    `blocks: ${r.blockSizes.length} finalized during the run, mean ${fmt(r.blockSizes.reduce((a, b) => a + b, 0) / Math.max(1, r.blockSizes.length), 1)} txs (with the coinbase), max ${Math.max(0, ...r.blockSizes)}, ${full} full (${cap} regular txs)`,
  );
  console.log(
    `node RSS: ${rssStart === undefined ? "n/a" : fmt(rssStart / 1024)} MiB before, ${rssEnd === undefined ? "n/a" : fmt(rssEnd / 1024)} MiB after the run`,
  );
  console.log(
    `CPU during the run (window and drain): node ${fmt(cpuNode - (cpuNode0 ?? Number.NaN), 1)} s, this generator ${fmt(cpuGen, 1)} s`,
  );
  console.log(`ratio finalized tx/s / GetVersion calls/s: ${fmt(rate / base, 3)}`);
  console.log(`ratio finalized tx/s / block cap (${fmt(capRate)} tx/s): ${fmt(rate / capRate, 2)}`);
  console.log(`ratio finalized tx/s / target 1000 tx/s: ${fmt(rate / 1000, 2)}`);
  if (node.warnings.length > 0)
    console.log(`node warnings: ${node.warnings.length}, first: ${node.warnings[0]}`);
} finally {
  rpc.close();
  const code = await node.stop();
  console.log(`node stopped with exit code ${code}`);
  const prof = values.profile ? await summarizeProfileDir(profileDir) : undefined;
  if (values.profile && values["profile-out"] !== undefined)
    await copyProfile(profileDir, values["profile-out"]);
  if (prof !== undefined) {
    const pct = (x: number) => `${fmt(x * 100, 1)}%`.padStart(6);
    console.log(
      `\nnode CPU profile: ${fmt(prof.totalMs / 1000, 1)} s, idle ${pct(prof.idleShare)}; self time of the busy part:`,
    );
    for (const b of prof.buckets) console.log(`  ${pct(b.share)}  ${b.name}`);
    console.log("top functions:");
    for (const f of prof.functions) console.log(`  ${pct(f.share)}  ${f.name}`);
  }
  await removeNodeDir(nodeDir);
}
