/**
 * `theta devnet start`'s supervision with stand-in nodes: small node scripts that print lines and
 * react to signals as told by their config dir's name, so no chain has to start.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isThetaError } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DevnetErrorCode } from "../../src/devnet/layout.ts";
import { type DevnetManifest, writeManifest } from "../../src/devnet/manifest.ts";
import { REPEAT_MS, type SuperviseDeps, superviseDevnet } from "../../src/devnet/supervisor.ts";
import { alive } from "./basePort.ts";

// argv: [-e script] start --config=<dir>. A node in dir "crash" exits 3 after printing; one in "stubborn" ignores SIGTERM.
// The SIGTERM handler is installed before the first line: the harness signals on that line.
const STAND_IN = `
const dir = process.argv.find((a) => a.startsWith("--config=")).slice(9);
const base = dir.split("/").pop();
process.on("SIGTERM", () => { if (base !== "stubborn") process.exit(0); });
console.log(JSON.stringify({ level: 30, msg: "up", pid: process.pid, dir }));
console.error("warning line");
if (base === "crash") setTimeout(() => process.exit(3), 300);
setInterval(() => {}, 1000);
`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "theta-devnet-sup-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A devnet dir whose nodes have the given dir names (ports nobody listens on). */
async function devnetOf(name: string, dirs: readonly string[]): Promise<string> {
  const dir = join(tmp, name);
  await mkdir(dir);
  const m: DevnetManifest = {
    chainId: "x",
    genesisHash: `0x${"00".repeat(32)}`,
    nodes: dirs.map((d, i) => ({
      name: `validator-${i + 1}`,
      role: "validator",
      address: `0x${String(i + 1).padStart(40, "0")}`,
      dir: d,
      rpcPort: 1 + i,
      p2pPort: 101 + i,
      metricsPort: 201 + i,
    })),
  };
  for (const d of dirs) await mkdir(join(dir, d));
  await writeManifest(dir, m);
  return dir;
}

function harness(stopAfterLines?: number, signals = 1, signalGapMs = 0) {
  let clock = 0;
  const out: string[] = [];
  const err: string[] = [];
  let stop: ((s: string) => void) | undefined;
  let signalled = false;
  const deps: SuperviseDeps = {
    theta: { file: process.execPath, args: ["-e", STAND_IN] },
    env: { ...process.env, THETA_RPC_PORT: "1" },
    out: (l) => {
      out.push(l);
      if (!signalled && out.filter((x) => x.includes('"dir"')).length === stopAfterLines) {
        signalled = true;
        for (let i = 0; i < signals; i++) {
          stop?.("SIGINT");
          clock += signalGapMs;
        }
      }
    },
    err: (l) => err.push(l),
    colour: false,
    now: () => clock,
    onStopSignal: (s) => {
      stop = s;
      return () => undefined;
    },
  };
  const pids = () => out.flatMap((l) => [...l.matchAll(/pid (\d+)\)/g)].map((m) => Number(m[1])));
  return { deps, out, err, pids };
}

describe("devnet supervision", () => {
  it("prefixes each node's lines with its name and stops every node on a stop signal", async () => {
    const dir = await devnetOf("ok", ["a", "b"]);
    const h = harness(2);
    expect(await superviseDevnet(h.deps, { dir, only: undefined, password: "pw" })).toBe(0);
    expect(h.out.some((l) => /^validator-1 \| INFO {2}up \{"dir":".*\/a"\}$/.test(l))).toBe(true);
    expect(h.out.some((l) => /^validator-2 \| INFO {2}up \{"dir":".*\/b"\}$/.test(l))).toBe(true);
    expect(h.err).toContain("validator-1 | warning line");
    expect(h.pids()).toHaveLength(2);
    for (const pid of h.pids()) expect(alive(pid)).toBe(false);
  }, 30_000);

  it("kills a node that does not stop within the grace period", async () => {
    const dir = await devnetOf("stubborn", ["stubborn"]);
    const h = harness(1);
    expect(await superviseDevnet(h.deps, { dir, only: undefined, password: "pw", graceMs: 300 })).toBe(0);
    expect(h.err).toContain("devnet: not every node stopped within 300 ms");
    expect(h.err).toContain("devnet: killing validator-1");
    for (const pid of h.pids()) expect(alive(pid)).toBe(false);
  }, 30_000);

  it("takes two signals at once as one request", async () => {
    const dir = await devnetOf("double", ["a"]);
    const h = harness(1, 2, 0);
    expect(await superviseDevnet(h.deps, { dir, only: undefined, password: "pw" })).toBe(0);
    expect(h.err.filter((l) => l.includes("killing"))).toEqual([]);
  }, 30_000);

  it("kills at once on a second stop signal", async () => {
    const dir = await devnetOf("twice", ["stubborn"]);
    const h = harness(1, 2, REPEAT_MS);
    // The grace period outlasts the test's timeout: only the second signal can end the run in time.
    expect(await superviseDevnet(h.deps, { dir, only: undefined, password: "pw", graceMs: 120_000 })).toBe(0);
    expect(h.err).toContain("devnet: killing validator-1");
    for (const pid of h.pids()) expect(alive(pid)).toBe(false);
  }, 30_000);

  it("names a node that exits on its own, stops the others and fails", async () => {
    const dir = await devnetOf("crash", ["fine", "crash"]);
    const h = harness();
    let caught: unknown;
    await superviseDevnet(h.deps, { dir, only: undefined, password: "pw" }).catch((e: unknown) => {
      caught = e;
    });
    expect(isThetaError(caught, DevnetErrorCode.NodeExited)).toBe(true);
    expect((caught as Error).message).toBe("validator-2 exited unexpectedly (exit code 3)");
    for (const pid of h.pids()) expect(alive(pid)).toBe(false);
  }, 30_000);

  it("runs only the node --only names, and refuses an unknown name", async () => {
    const dir = await devnetOf("only", ["a", "b"]);
    const h = harness(1);
    expect(await superviseDevnet(h.deps, { dir, only: "validator-2", password: "pw" })).toBe(0);
    expect(h.pids()).toHaveLength(1);
    expect(h.out.some((l) => l.startsWith("validator-2 | "))).toBe(true);
    expect(h.out.some((l) => l.startsWith("validator-1 | "))).toBe(false);
    await expect(
      superviseDevnet(harness().deps, { dir, only: "guardian-9", password: "pw" }),
    ).rejects.toSatisfy((e) => isThetaError(e, DevnetErrorCode.UnknownNode));
  }, 30_000);
});
