/**
 * End to end, real processes on 127.0.0.1: a devnet of 4 validators and 2 guardians, each node its
 * own `theta start` process. Every node agrees on every finalized hash; with one validator SIGKILLed
 * finalization goes on; with two it stops (and no two nodes ever finalize different blocks at a
 * height); restarted on their data dirs, both catch up and finalization resumes; guardian-finalized
 * checkpoints advance, and survive a SIGKILL and restart of every node. Waits are bounded by poll
 * counts; nothing asserts on durations.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it, onTestFailed } from "vitest";
import { profileForChain } from "../../src/compose/profile.ts";
import { type DevnetManifest, readManifest } from "../../src/devnet/manifest.ts";
import { runTheta } from "../cli/runTheta.ts";
import { type DevnetProcesses, devnetProcesses, freeBasePort } from "./devnetProcesses.ts";
import { type FinalityWatch, finalityWatch, type NodeFinality } from "./finalityWatch.ts";

/** The shortest interval that still leaves these six processes time to vote on a loaded machine. */
const BLOCK_MS = 200;
/** Pause between polls: about one block interval. */
const POLL_MS = 250;
/** Polls of an unchanged finalized height that count as "finalization stopped" (≥ 10 block intervals). */
const STALL_POLLS = 10;

const VALIDATORS = ["validator-1", "validator-2", "validator-3", "validator-4"];
const GUARDIANS = ["guardian-1", "guardian-2"];
const ALL = [...VALIDATORS, ...GUARDIANS];
const INTERVAL = profileForChain("devnet").checkpointInterval;

let tmp: string | undefined;
let procs: DevnetProcesses | undefined;
let manifest: DevnetManifest;
let watch: FinalityWatch;
/** Set when a step fails: the later steps build on it and are skipped. */
let broken = false;

afterAll(async () => {
  await procs?.killAll();
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

/** Polls `names` until `done` returns a value, at most `attempts` times. */
async function pollUntil<T>(
  what: string,
  names: readonly string[],
  attempts: number,
  done: (views: Map<string, NodeFinality | undefined>) => T | undefined,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const exits = procs?.unexpectedExits() ?? [];
    if (exits.length > 0) throw new Error(`${what}: ${exits.join("; ")}`);
    const v = done(await watch.poll(names));
    if (v !== undefined) return v;
    await sleep(POLL_MS);
  }
  throw new Error(`${what}: not reached within ${attempts} polls`);
}

/** The views when every node in `names` answers, else undefined. */
function allUp(views: Map<string, NodeFinality | undefined>): NodeFinality[] | undefined {
  const out = [...views.values()];
  return out.every((v) => v !== undefined) ? (out as NodeFinality[]) : undefined;
}

/** The least (`sign` -1) or greatest (`sign` 1) of `xs` (bigints: Math.min/max do not take them). */
function extreme(xs: readonly bigint[], sign: 1 | -1): bigint {
  let out = xs[0]!;
  for (const x of xs) if ((sign === 1 && x > out) || (sign === -1 && x < out)) out = x;
  return out;
}
const min = (xs: readonly bigint[]) => extreme(xs, -1);
const max = (xs: readonly bigint[]) => extreme(xs, 1);

/** Runs a step; on failure prints the tail of every node's log and marks the run broken. */
async function step(body: () => Promise<void>): Promise<void> {
  // A timeout fails the test without ending `body`: mark the run broken then too.
  onTestFailed(() => {
    broken = true;
  });
  try {
    await body();
  } catch (e) {
    broken = true;
    for (const n of ALL) process.stderr.write(`--- ${n} ---\n${await procs?.tail(n, 12)}\n`);
    throw e;
  }
}

describe("devnet crash and recovery (4 validators, 2 guardians, one process each)", () => {
  it("every node finalizes the same blocks", async () => {
    await step(async () => {
      tmp = await mkdtemp(join(tmpdir(), "theta-devnet-crash-"));
      const dir = join(tmp, "net");
      const init = await runTheta([
        "devnet",
        "init",
        "--validators=4",
        "--guardians=2",
        `--out=${dir}`,
        `--base-port=${await freeBasePort(ALL.length)}`,
        `--block-interval-ms=${BLOCK_MS}`,
      ]);
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      manifest = await readManifest(dir);
      expect(manifest.nodes.map((n) => n.name)).toEqual(ALL);
      watch = finalityWatch(new Map(manifest.nodes.map((n) => [n.name, n.rpcPort])));
      procs = devnetProcesses(dir, manifest);
      for (const n of ALL) procs.start(n);
      const h = await pollUntil("every node finalized height 3", ALL, 1200, (views) => {
        const up = allUp(views);
        const lowest = up === undefined ? 0n : min(up.map((v) => v.finalized));
        return lowest >= 3n ? lowest : undefined;
      });
      expect(watch.problems).toEqual([]);
      // Every node reported a hash for every height up to the lowest finalized one, and they agree.
      for (let k = 1n; k <= h; k++) expect([...watch.confirmedBy(k)].sort()).toEqual([...ALL].sort());
    });
  }, 600_000);

  it("goes on finalizing with one validator SIGKILLed", async (ctx) => {
    if (broken) ctx.skip();
    await step(async () => {
      await procs!.stop("validator-4", "SIGKILL");
      const live = ALL.filter((n) => n !== "validator-4");
      const start = await pollUntil("the others answer", live, 100, (vs) => {
        const up = allUp(vs);
        return up === undefined ? undefined : max(up.map((v) => v.finalized));
      });
      await pollUntil("the others finalize 3 more blocks", live, 400, (vs) => {
        const up = allUp(vs);
        return up !== undefined && min(up.map((v) => v.finalized)) >= start + 3n ? true : undefined;
      });
      expect(watch.problems).toEqual([]);
    });
  }, 150_000);

  let stalledAt = 0n;
  it("stops finalizing with two validators SIGKILLed, no node finalizing a conflicting block", async (ctx) => {
    if (broken) ctx.skip();
    await step(async () => {
      await procs!.stop("validator-3", "SIGKILL");
      const live = ALL.filter((n) => n !== "validator-3" && n !== "validator-4");
      let last = -1n;
      let unchanged = 0;
      stalledAt = await pollUntil("the finalized height stays put", live, 200, (vs) => {
        const up = allUp(vs);
        if (up === undefined) return undefined;
        const top = max(up.map((v) => v.finalized));
        unchanged = top === last ? unchanged + 1 : 0;
        last = top;
        return unchanged >= STALL_POLLS ? top : undefined;
      });
      // Half the stake cannot finalize: the height stayed put for STALL_POLLS polls in a row.
      expect(unchanged).toBe(STALL_POLLS);
      expect(watch.problems).toEqual([]);
    });
  }, 150_000);

  it("resumes when both restart, and they catch up with the same hashes", async (ctx) => {
    if (broken) ctx.skip();
    await step(async () => {
      procs!.start("validator-3");
      procs!.start("validator-4");
      const target = stalledAt + 3n;
      const h = await pollUntil(`every node finalized height ${target}`, ALL, 1200, (vs) => {
        const up = allUp(vs);
        const lowest = up === undefined ? 0n : min(up.map((v) => v.finalized));
        return lowest >= target ? lowest : undefined;
      });
      expect(watch.problems).toEqual([]);
      // The restarted nodes hold the same block at every height up to there, incl. the ones
      // finalized while they were down.
      for (let k = 1n; k <= h; k++) {
        expect(watch.confirmedBy(k).has("validator-3")).toBe(true);
        expect(watch.confirmedBy(k).has("validator-4")).toBe(true);
      }
    });
  }, 600_000);

  let guardianBefore = new Map<string, bigint>();
  it("advances the guardian-finalized checkpoint on every node", async (ctx) => {
    if (broken) ctx.skip();
    await step(async () => {
      const first = await pollUntil(
        "a guardian-finalized checkpoint",
        ALL,
        600,
        () => watch.guardianHeights()[0],
      );
      expect(first % INTERVAL).toBe(1n);
      const target = first + INTERVAL;
      guardianBefore = await pollUntil(`every node guardian-finalized ${target}`, ALL, 1200, (vs) => {
        const up = allUp(vs);
        if (up === undefined || !up.every((v) => v.guardianHeight >= target)) return undefined;
        return new Map([...vs].map(([n, v]) => [n, v!.guardianHeight]));
      });
      expect(watch.problems).toEqual([]);
    });
  }, 600_000);

  it("keeps the guardian-finalized checkpoint across a SIGKILL and restart of every node, and advances it", async (ctx) => {
    if (broken) ctx.skip();
    await step(async () => {
      // The checkpoint each node reports right before the kill (it reports only written ones).
      const before = await watch.poll(ALL);
      for (const [n, v] of before) if (v !== undefined) guardianBefore.set(n, v.guardianHeight);
      await procs!.killAll();
      for (const n of ALL) procs!.start(n);
      const firstAfter = new Map<string, bigint>();
      await pollUntil("every node answers again", ALL, 600, (vs) => {
        for (const [n, v] of vs)
          if (v !== undefined && !firstAfter.has(n)) firstAfter.set(n, v.guardianHeight);
        return firstAfter.size === ALL.length ? true : undefined;
      });
      for (const n of ALL) expect(firstAfter.get(n)).toBeGreaterThanOrEqual(guardianBefore.get(n)!);
      expect(min([...firstAfter.values()])).toBeGreaterThan(0n);
      const target = max([...guardianBefore.values()]) + INTERVAL;
      await pollUntil(`every node guardian-finalized ${target}`, ALL, 1200, (vs) => {
        const up = allUp(vs);
        return up?.every((v) => v.guardianHeight >= target) ? true : undefined;
      });
      expect(watch.problems).toEqual([]);
    });
  }, 600_000);
});
