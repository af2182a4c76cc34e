/**
 * Catch-up on loopback (issue 15): a validator is driven `--blocks` empty blocks ahead (10 ms block
 * interval), restarted at a slow pace, and a follower with an empty database syncs from it over libp2p on
 * 127.0.0.1 — first header-first (`sync.downloadByHeader: true`), then with the old backward fetch only
 * (`false`), in the same run. For each: blocks/s from the follower's start to the target height, and the
 * follower's peak resident memory (sampled from /proc). `--cap-seconds` ends a mode early and reports the
 * rate over the heights reached. Not run in CI.
 *
 *   npm run bench:sync -- --blocks=10000 [--cap-seconds=900] [--source=<validator node dir ahead already>]
 */
import { cp, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../test/cli/runTheta.ts";
import { copyNodeDir, freePort, startTestNode, type TestNode } from "../test/e2e/node.ts";

const FOLLOWER_KEY = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;
const arg = (name: string, dflt: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const BLOCKS = Number(arg("blocks", "10000"));
const CAP_MS = Number(arg("cap-seconds", "900")) * 1000;
const QUIET = { THETA_CONSENSUS_STALLWARNINGBLOCKS: "0" };

const finalized = async (n: TestNode): Promise<number> =>
  Number(
    (await n.call<{ latest_finalized_block_height: string }>("theta.GetStatus"))
      .latest_finalized_block_height,
  );
const rssMiB = async (pid: number): Promise<number> =>
  Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, "utf8"))?.[1] ?? "0") / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stop = async (n: TestNode): Promise<void> => {
  n.child.kill("SIGTERM");
  await n.exited;
};

/** One follower run: blocks/s to the target and peak RSS. */
async function follow(
  port: number,
  headerFirst: boolean,
): Promise<{ rate: number; reached: number; rssMiB: number; seconds: number }> {
  const dir = await copyNodeDir(FIXTURE_NODE, "theta-bench-fol-");
  await rm(join(dir, "key", "encrypted"), { recursive: true });
  await cp(
    join(FIXTURE_NODE, "..", "thetacli", "keys", "encrypted", FOLLOWER_KEY),
    join(dir, "key", "encrypted", FOLLOWER_KEY),
  );
  const node = await startTestNode(dir, {
    ...QUIET,
    THETA_P2P_PORT: String(await freePort()),
    THETA_P2P_SEEDS: `127.0.0.1:${port}`,
    THETA_SYNC_DOWNLOADBYHEADER: String(headerFirst),
  });
  const pid = node.child.pid as number;
  const t0 = Date.now();
  let reached = 0;
  let peak = 0;
  while (reached < BLOCKS && Date.now() - t0 < CAP_MS) {
    reached = await finalized(node);
    peak = Math.max(peak, await rssMiB(pid));
    await sleep(250);
  }
  const seconds = (Date.now() - t0) / 1000;
  await stop(node);
  await rm(dirname(dir), { recursive: true, force: true });
  return { rate: reached / seconds, reached, rssMiB: peak, seconds };
}

async function main(): Promise<void> {
  const port = await freePort();
  const p2p = { ...QUIET, THETA_P2P_PORT: String(port) };
  const source = arg("source", "");
  const dir = source === "" ? await copyNodeDir(FIXTURE_NODE, "theta-bench-val-") : source;
  if (source === "") {
    const fast = await startTestNode(dir, { ...p2p, THETA_CONSENSUS_BLOCKINTERVALMS: "10" });
    const t0 = Date.now();
    while ((await finalized(fast)) < BLOCKS) await sleep(1000);
    console.log(`validator produced ${BLOCKS} empty blocks in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await stop(fast);
  }
  const validator = await startTestNode(dir, { ...p2p, THETA_CONSENSUS_BLOCKINTERVALMS: "2000" });
  const results = [];
  for (const headerFirst of [true, false]) {
    const r = await follow(port, headerFirst);
    results.push({ mode: headerFirst ? "header-first" : "backward fetch", ...r });
    console.log(JSON.stringify(results[results.length - 1]));
  }
  await stop(validator);
  if (source === "") await rm(dirname(dir), { recursive: true, force: true });
  const [hf, bw] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(
    `catch-up of ${BLOCKS} empty blocks: header-first ${hf.rate.toFixed(1)} blocks/s (peak RSS ${hf.rssMiB.toFixed(0)} MiB, ` +
      `${hf.reached} reached), backward fetch ${bw.rate.toFixed(1)} blocks/s (peak RSS ${bw.rssMiB.toFixed(0)} MiB, ` +
      `${bw.reached} reached), ratio ${(hf.rate / bw.rate).toFixed(2)}x`,
  );
}

await main();
