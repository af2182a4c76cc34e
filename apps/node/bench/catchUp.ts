/**
 * Catch-up on loopback (issue 15): a validator is driven `--blocks` empty blocks ahead (10 ms block
 * interval), restarted at a slow pace, and a follower with an empty database syncs from it over libp2p on
 * 127.0.0.1 — first header-first (`sync.downloadByHeader: true`), then with the old backward fetch only
 * (`false`), in the same run. For each: blocks/s from the follower's start to the target height, and the
 * follower's peak resident memory (the highest VmRSS sampled from /proc and the kernel's VmHWM at the end).
 * `--cap-seconds` ends a mode early and reports the rate over the heights reached. Not run in CI.
 *
 * `--txs`: the validator's chain holds `--blocks` (1,000) blocks of up to `--txs-per-block` (1,000)
 * SendTx, submitted through its RPC at `--block-ms` (2,000 ms) blocks (catchUpTxs.ts); each mode then
 * also reports tx/s (SendTxs in the synced blocks / catch-up wall time).
 * `--profile-dir=<dir>`: the header-first follower runs with `--cpu-prof` and its self time is summarised.
 *
 *   npm run bench:sync -- --blocks=10000 [--cap-seconds=900] [--source=<validator node dir ahead already>]
 *   npm run bench:sync -- --txs --blocks=100 --txs-per-block=1000 [--cap-seconds=300]
 *
 * `--keep-source`: the validator dir built for the run is kept (its path printed) for later `--source` runs
 * (with `--txs`: the root printed as "tx chain kept", whose chain `--txs --source=<root>` then reuses);
 * `--header-first-only`: the backward-fetch follower is not run (quick iterations on the syncer).
 */
import { cp, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../test/cli/runTheta.ts";
import { copyNodeDir, freePort, startTestNode, type TestNode } from "../test/e2e/node.ts";
import { followerMallocEnv, memoryProbe } from "./catchUpMemory.ts";
import { buildTxChain, followerDir, type TxChain } from "./catchUpTxs.ts";
import { startLoadNode } from "./loadNode.ts";
import { summarizeProfileDir } from "./loadProfile.ts";
import { createLoadRpcClient } from "./loadRpc.ts";

const FOLLOWER_KEY = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;
const FOLLOWER_KEY_FILE = join(FIXTURE_NODE, "..", "thetacli", "keys", "encrypted", FOLLOWER_KEY);
/** `--name=value` or `--name value`. */
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] !== undefined && !process.argv[i + 1]!.startsWith("--"))
    return process.argv[i + 1]!;
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
};
const TXS = process.argv.includes("--txs");
const BLOCKS = Number(arg("blocks", TXS ? "1000" : "10000"));
const PER_BLOCK = Number(arg("txs-per-block", "1000"));
const BLOCK_MS = Number(arg("block-ms", "2000"));
const CAP_MS = Number(arg("cap-seconds", "900")) * 1000;
const PROFILE_DIR = arg("profile-dir", "");
const KEEP_SOURCE = process.argv.includes("--keep-source");
const HEADER_FIRST_ONLY = process.argv.includes("--header-first-only");
const QUIET = { THETA_CONSENSUS_STALLWARNINGBLOCKS: "0" };

const finalized = async (n: TestNode): Promise<number> =>
  Number(
    (await n.call<{ latest_finalized_block_height: string }>("theta.GetStatus"))
      .latest_finalized_block_height,
  );
/** VmRSS and VmHWM (peak) of `pid` in MiB. */
const memMiB = async (pid: number): Promise<{ rss: number; hwm: number }> => {
  const st = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(st)?.[1] ?? "0");
  return { rss: kib("VmRSS") / 1024, hwm: kib("VmHWM") / 1024 };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stop = async (n: TestNode): Promise<void> => {
  n.child.kill("SIGTERM");
  await n.exited;
};

/** A follower dir with the privatenet fixture's genesis and a non-validator key. */
async function fixtureFollowerDir(): Promise<string> {
  const dir = await copyNodeDir(FIXTURE_NODE, "theta-bench-fol-");
  await rm(join(dir, "key", "encrypted"), { recursive: true });
  await cp(FOLLOWER_KEY_FILE, join(dir, "key", "encrypted", FOLLOWER_KEY));
  return dir;
}

interface FollowResult {
  rate: number;
  reached: number;
  rssMiB: number;
  hwmMiB: number;
  seconds: number;
}

/** One follower run: blocks/s to `target` and peak memory; `extraFlags` (e.g. `--cpu-prof`) go to its node. */
async function follow(
  dir: string,
  port: number,
  headerFirst: boolean,
  target: number,
  extraFlags: readonly string[] = [],
): Promise<FollowResult> {
  const env = {
    ...QUIET,
    ...followerMallocEnv,
    THETA_P2P_PORT: String(await freePort()),
    THETA_P2P_SEEDS: `127.0.0.1:${port}`,
    THETA_SYNC_DOWNLOADBYHEADER: String(headerFirst),
  };
  // Memory options (catchUpMemory.ts) apply to the header-first follower, which then runs with node flags.
  const probe = headerFirst ? await memoryProbe() : undefined;
  const nodeFlags = [...extraFlags, ...(probe?.flags ?? [])];
  let pid: number;
  let height: () => Promise<number>;
  let halt: () => Promise<void>;
  if (nodeFlags.length === 0 && probe === undefined) {
    const node = await startTestNode(dir, env);
    pid = node.child.pid as number;
    height = () => finalized(node);
    halt = async () => {
      // The follower's progress lines: `held` near the window (256) means the engine, not the syncer, sets the pace.
      for (const l of node.logs("sync progress").slice(-4)) console.log(`  follower: ${JSON.stringify(l)}`);
      await stop(node);
    };
  } else {
    // Node refuses --cpu-prof in NODE_OPTIONS, so this follower is spawned with the flags on its command line.
    const node = await startLoadNode(dir, nodeFlags, {
      ...env,
      THETA_RPC_PORT: "0",
      THETA_METRICS_PORT: "0",
      ...probe?.env,
    });
    const rpc = createLoadRpcClient(node.rpcPort, 2);
    pid = node.pid;
    height = async () =>
      Number(
        (await rpc.call<{ latest_finalized_block_height: string }>("theta.GetStatus", {})).result
          ?.latest_finalized_block_height ?? "0",
      );
    halt = async () => {
      rpc.close();
      await node.stop();
    };
  }
  const t0 = Date.now();
  let reached = 0;
  let peak = 0;
  let hwm = 0;
  while (reached < target && Date.now() - t0 < CAP_MS) {
    reached = await height();
    await probe?.onHeight(pid, reached);
    const m = await memMiB(pid);
    peak = Math.max(peak, m.rss);
    hwm = Math.max(hwm, m.hwm);
    await sleep(250);
  }
  const seconds = (Date.now() - t0) / 1000;
  await halt();
  await rm(dirname(dir), { recursive: true, force: true });
  return { rate: reached / seconds, reached, rssMiB: peak, hwmMiB: hwm, seconds };
}

/** Prints the follower's CPU profile (self time by package and top functions). */
async function printProfile(dir: string): Promise<void> {
  const prof = await summarizeProfileDir(dir);
  if (prof === undefined) return console.log(`no .cpuprofile in ${dir}`);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
  console.log(
    `follower CPU profile: ${(prof.totalMs / 1000).toFixed(1)} s, idle ${pct(prof.idleShare)}; busy self time:`,
  );
  for (const b of prof.buckets) console.log(`  ${pct(b.share)}  ${b.name}`);
  console.log("top functions:");
  for (const f of prof.functions) console.log(`  ${pct(f.share)}  ${f.name}`);
}

async function main(): Promise<void> {
  const port = await freePort();
  const p2p = { ...QUIET, THETA_P2P_PORT: String(port) };
  const source = arg("source", "");
  let target = BLOCKS;
  let chain: TxChain | undefined;
  let stopValidator: () => Promise<void>;
  let valDir = source;
  if (TXS) {
    chain = await buildTxChain(BLOCKS, PER_BLOCK, BLOCK_MS, p2p, source);
    target = chain.height;
    stopValidator = async () => void (await chain!.validator.stop());
    valDir = chain.nodeDir.dir;
    console.log(
      `tx chain: ${chain.sendTxs} SendTxs in ${chain.txBlocks} blocks (at most ${chain.maxPerBlock} in one), height ${chain.height}, ` +
        `built in ${chain.seconds.toFixed(0)} s (${chain.rejected} submissions rejected; non-coinbase txs counted per block ${chain.cumulative[target]})`,
    );
  } else {
    if (source === "") {
      valDir = await copyNodeDir(FIXTURE_NODE, "theta-bench-val-");
      const fast = await startTestNode(valDir, { ...p2p, THETA_CONSENSUS_BLOCKINTERVALMS: "10" });
      const t0 = Date.now();
      while ((await finalized(fast)) < BLOCKS) await sleep(1000);
      console.log(`validator produced ${BLOCKS} empty blocks in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      await stop(fast);
      if (KEEP_SOURCE) console.log(`validator dir kept: ${valDir}`);
    }
    const validator = await startTestNode(valDir, { ...p2p, THETA_CONSENSUS_BLOCKINTERVALMS: "2000" });
    stopValidator = () => stop(validator);
  }
  const results: Array<FollowResult & { mode: string }> = [];
  try {
    for (const headerFirst of HEADER_FIRST_ONLY ? [true] : [true, false]) {
      const dir =
        chain === undefined
          ? await fixtureFollowerDir()
          : await followerDir(chain, FOLLOWER_KEY_FILE, FOLLOWER_KEY);
      const prof = headerFirst && PROFILE_DIR !== "" ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
      const r = await follow(dir, port, headerFirst, target, prof);
      results.push({ mode: headerFirst ? "header-first" : "backward fetch", ...r });
      console.log(JSON.stringify(results[results.length - 1]));
    }
  } finally {
    await stopValidator();
    if (chain !== undefined && (KEEP_SOURCE || source !== ""))
      console.log(`tx chain kept: ${chain.nodeDir.root}`);
    else if (chain !== undefined) await rm(chain.nodeDir.root, { recursive: true, force: true });
    else if (source === "" && !KEEP_SOURCE) await rm(dirname(valDir), { recursive: true, force: true });
  }
  const [hf, bw] = results as [(typeof results)[0], (typeof results)[0] | undefined];
  const what =
    chain === undefined ? `${BLOCKS} empty blocks` : `${target} blocks holding ${chain.sendTxs} SendTxs`;
  const txRate = (r: FollowResult) =>
    chain === undefined
      ? ""
      : `, ${(chain.cumulative[Math.min(r.reached, target)]! / r.seconds).toFixed(1)} tx/s`;
  const line = (r: FollowResult) =>
    `${r.rate.toFixed(1)} blocks/s${txRate(r)} (peak RSS ${r.rssMiB.toFixed(0)} MiB, VmHWM ${r.hwmMiB.toFixed(0)} MiB, ${r.reached} reached in ${r.seconds.toFixed(0)} s)`;
  console.log(
    bw === undefined
      ? `catch-up of ${what}: header-first ${line(hf)}`
      : `catch-up of ${what}: header-first ${line(hf)}, backward fetch ${line(bw)}, ratio ${(hf.rate / bw.rate).toFixed(2)}x`,
  );
  if (PROFILE_DIR !== "") await printProfile(PROFILE_DIR);
}

await main();
