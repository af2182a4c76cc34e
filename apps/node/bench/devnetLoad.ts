/**
 * `bench:devnet`: a fixed count of pre-signed SendTxs through a 4-validator devnet (one `theta start`
 * process per validator, the load accounts funded in its genesis), each account's txs submitted to
 * one node over `theta.BroadcastRawTransactionAsync` (accounts spread over the nodes), finalization
 * followed on the first node. Prints finalized tx/s (count / time from the first submit to the last
 * finalization seen) and submit-to-finalized p50/p99. Baseline, measured in the same run with the
 * very same signed txs: one node (`bench:node`'s set-up: the privatenet validator alone).
 *
 * Flags: --txs N (20000), --accounts N (1000), --validators N (4), --block-ms N (1000),
 * --max-txs N (2048), --concurrency N (8), --window N (4096), --batch N (16), --rpc-idle-secs N (5),
 * --crypto native|noble (native), --trie fast|mpt (fast), --skip-baseline,
 * --profile (every devnet node runs with --cpu-prof; validator-1's self time is summarized),
 * --profile-out FILE (with --profile: keep validator-1's raw .cpuprofile there),
 * --node-warnings (print each node's last warnings after the run),
 * --signature-threads N (signature worker threads per devnet node; default the devnet's 0: inline).
 */
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { privatenet } from "@theta/core-types";
import { spreadRpcClient, startLoadDevnet } from "./devnetLoadNet.ts";
import {
  deriveAccounts,
  loadGenesisDescription,
  presignSends,
  type SignedLoadTx,
  signingCrypto,
} from "./loadAccounts.ts";
import { type LoadNode, prepareNodeDir, removeNodeDir, startLoadNode } from "./loadNode.ts";
import { copyProfile, summarizeProfileDir } from "./loadProfile.ts";
import { createLoadRpcClient, type LoadRpcClient } from "./loadRpc.ts";
import { runLoad } from "./loadRun.ts";
import { fmt, percentile } from "./loadStats.ts";

/** Where the devnet nodes write their CPU profiles with --profile (one directory per node). */
const profDir = join(tmpdir(), `theta-bench-devnet-prof-${process.pid}`);

const { values } = parseArgs({
  options: {
    txs: { type: "string", default: "20000" },
    accounts: { type: "string", default: "1000" },
    validators: { type: "string", default: "4" },
    "block-ms": { type: "string", default: "1000" },
    "max-txs": { type: "string", default: "2048" },
    concurrency: { type: "string", default: "8" },
    window: { type: "string", default: "4096" },
    batch: { type: "string", default: "16" },
    "rpc-idle-secs": { type: "string", default: "5" },
    crypto: { type: "string", default: "native" },
    trie: { type: "string", default: "fast" },
    "skip-baseline": { type: "boolean", default: false },
    "node-warnings": { type: "boolean", default: false },
    "signature-threads": { type: "string" },
    profile: { type: "boolean", default: false },
    "profile-out": { type: "string" },
  },
});
const accountCount = Number(values.accounts);
const rounds = Math.max(1, Math.ceil(Number(values.txs) / accountCount));
const validators = Number(values.validators);
const node = {
  blockIntervalMs: Number(values["block-ms"]),
  maxTxsPerBlock: Number(values["max-txs"]),
  rpcIdleSecs: Number(values["rpc-idle-secs"]),
  cryptoBackend: values.crypto,
  trieEngine: values.trie,
};
const runOpts = {
  // The count ends the submission, not the clock: this is only a cap.
  seconds: 3600,
  concurrency: Number(values.concurrency),
  window: Number(values.window),
  batch: Number(values.batch),
  drainMs: 60_000,
};

interface Figures {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly finalized: number;
  readonly rejected: number;
  readonly blocks: number;
  readonly cpuSeconds: number;
}

/** Submits every tx through `rpc` and measures; `nodes` are the processes whose CPU time is counted. */
async function measure(
  label: string,
  rpc: LoadRpcClient,
  txs: readonly SignedLoadTx[],
  nodes: readonly LoadNode[],
): Promise<Figures> {
  const cpu = async () =>
    (await Promise.all(nodes.map((n) => n.cpuSeconds()))).reduce((a, b) => a! + (b ?? 0), 0)!;
  const cpu0 = await cpu();
  const start = performance.now();
  const r = await runLoad(rpc, txs, runOpts);
  const seconds = (performance.now() - start) / 1000;
  const f: Figures = {
    rate: r.latenciesMs.length / seconds,
    p50: percentile(r.latenciesMs, 50),
    p99: percentile(r.latenciesMs, 99),
    finalized: r.latenciesMs.length,
    rejected: r.rejected,
    blocks: r.blockSizes.length,
    cpuSeconds: (await cpu()) - cpu0,
  };
  console.log(
    `${label}: ${f.finalized} of ${txs.length} finalized in ${fmt(seconds, 1)} s -> ${fmt(f.rate, 1)} tx/s; ` +
      `submit->finalized p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms; ${r.submitted} accepted, ${f.rejected} rejected` +
      `${r.rejectSample ? ` (e.g. "${r.rejectSample}")` : ""}; ${f.blocks} blocks, ` +
      `max ${Math.max(0, ...r.blockSizes)} txs; node CPU ${fmt(f.cpuSeconds, 1)} s`,
  );
  return f;
}

/** Polls GetStatus on every client until each reports a finalized height ≥ `h`. */
async function waitFinalized(clients: readonly LoadRpcClient[], h: bigint): Promise<void> {
  for (;;) {
    const heights = await Promise.all(
      clients.map(async (c) => {
        const s = await c.call<{ latest_finalized_block_height: string }>("theta.GetStatus", {});
        return BigInt(s.result?.latest_finalized_block_height ?? "0");
      }),
    );
    if (heights.every((x) => x >= h)) return;
    await sleep(200);
  }
}

const crypto = await signingCrypto();
const accounts = deriveAccounts(crypto, "theta-bench-devnet", accountCount);
let t = performance.now();
// Signed for the privatenet chain id: the single node runs privatenet and the devnet takes that id,
// so both runs get the very same bytes.
const txs = presignSends(crypto, privatenet.chainId, accounts, rounds);
console.log(
  `setup: ${accountCount} accounts x ${rounds} rounds = ${txs.length} SendTxs, signed with ${crypto.backend.name} in ${fmt((performance.now() - t) / 1000, 1)} s`,
);
console.log(
  `setup: block interval ${node.blockIntervalMs} ms, cap ${node.maxTxsPerBlock} txs/block, window ${runOpts.window}, batches of ${runOpts.batch}, ${runOpts.concurrency} clients`,
);

let baseline: Figures | undefined;
if (!values["skip-baseline"]) {
  const dir = await prepareNodeDir(loadGenesisDescription(crypto, accounts), node);
  const single = await startLoadNode(dir.dir);
  const rpc = createLoadRpcClient(single.rpcPort, runOpts.concurrency + 2);
  try {
    await waitFinalized([rpc], 1n);
    baseline = await measure("baseline, one validator (bench:node set-up)", rpc, txs, [single]);
  } finally {
    rpc.close();
    await single.stop();
    await removeNodeDir(dir);
  }
}

t = performance.now();
const devnet = await startLoadDevnet(
  {
    ...node,
    validators,
    chainId: privatenet.chainId,
    ...(values["signature-threads"] === undefined
      ? {}
      : { signatureThreads: Number(values["signature-threads"]) }),
    balances: accounts.map((a) => ({
      address: crypto.toChecksumAddress(a.address),
      thetaWei: (1000n * 10n ** 18n).toString(),
      tfuelWei: (1000n * 10n ** 18n).toString(),
    })),
  },
  (name) => (values.profile ? ["--cpu-prof", `--cpu-prof-dir=${join(profDir, name)}`] : []),
);
const clients = devnet.nodes.map((n) => createLoadRpcClient(n.rpcPort, runOpts.concurrency + 2));
const index = new Map(txs.map((tx, i) => [tx.hex, (i % accountCount) % clients.length]));
const rpc = spreadRpcClient(clients, (hex) => index.get(hex) ?? 0);
const devnetFigures = await (async () => {
  try {
    await waitFinalized(clients, 2n);
    console.log(
      `devnet: ${validators} validators up and finalizing in ${fmt((performance.now() - t) / 1000, 1)} s`,
    );
    const f = await measure(`devnet, ${validators} validators`, rpc, txs, devnet.nodes);
    if (values["node-warnings"])
      for (const [i, n] of devnet.nodes.entries())
        for (const w of n.warnings.slice(-8)) console.log(`validator-${i + 1}: ${w}`);
    return f;
  } catch (e) {
    // Say which node went away and what it warned about before the run failed.
    for (const [i, n] of devnet.nodes.entries()) {
      const exit = n.child.exitCode ?? n.child.signalCode;
      console.error(`validator-${i + 1}: ${exit === null ? "running" : `exited (${exit})`}`);
      for (const w of n.warnings.slice(-5)) console.error(`  ${w}`);
    }
    throw e;
  } finally {
    rpc.close();
    await devnet.stop();
    await rm(devnet.root, { recursive: true, force: true });
  }
})();
if (baseline !== undefined) {
  console.log(
    `ratio devnet / one node: ${fmt(devnetFigures.rate / baseline.rate, 3)} (tx/s), p50 ${fmt(devnetFigures.p50 / baseline.p50, 2)}x, ` +
      `node CPU per finalized tx ${fmt((devnetFigures.cpuSeconds / devnetFigures.finalized) * 1e6)} us vs ${fmt((baseline.cpuSeconds / baseline.finalized) * 1e6)} us`,
  );
}
console.log(`ratio devnet finalized tx/s / target 1000 tx/s: ${fmt(devnetFigures.rate / 1000, 2)}`);
if (values.profile) {
  const prof = await summarizeProfileDir(join(profDir, "validator-1"));
  if (prof !== undefined) {
    const pct = (x: number) => `${fmt(x * 100, 1)}%`.padStart(6);
    console.log(
      `\nvalidator-1 CPU profile: ${fmt(prof.totalMs / 1000, 1)} s, idle ${pct(prof.idleShare)}; self time:`,
    );
    for (const b of prof.buckets) console.log(`  ${pct(b.share)}  ${b.name}`);
    console.log("top functions:");
    for (const f of prof.functions) console.log(`  ${pct(f.share)}  ${f.name}`);
  }
  if (values["profile-out"] !== undefined)
    await copyProfile(join(profDir, "validator-1"), values["profile-out"]);
  await rm(profDir, { recursive: true, force: true });
}
