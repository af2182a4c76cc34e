import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const APP_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** The privatenet fixture's node directory and genesis snapshot (fixtures/privatenet/node). */
export const FIXTURE_NODE = join(APP_DIR, "../../fixtures/privatenet/node");
export const FIXTURE_GENESIS = join(FIXTURE_NODE, "genesis");

/** The fixture's `genesis.hash` (read from its config.yaml). */
export async function fixtureGenesisHash(): Promise<string> {
  const text = await readFile(join(FIXTURE_NODE, "config.yaml"), "utf8");
  const m = /hash: "(0x[0-9a-f]{64})"/.exec(text);
  if (m === null) throw new Error("fixtures/privatenet/node/config.yaml holds no genesis.hash");
  return m[1]!;
}

/** Spawns `theta <args>` from sources, as `node --conditions=@theta/source --import tsx src/main.ts`. */
export function spawnTheta(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(childEnv)) if (k.startsWith("THETA_") && !(k in env)) delete childEnv[k];
  return spawn(process.execPath, ["--conditions=@theta/source", "--import", "tsx", "src/main.ts", ...args], {
    cwd: APP_DIR,
    env: childEnv,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs `theta <args>` to completion. */
export function runTheta(
  args: readonly string[],
  opts: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnTheta(args, opts.env);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    child.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(opts.stdin ?? "");
  });
}

/** Collects a child's stdout JSON log lines so tests can wait for any of them, in any order. */
export function watchLogs(child: ChildProcess): {
  waitFor(prefix: string): Promise<Record<string, unknown>>;
  /** Every JSON log entry so far whose message starts with `prefix`. */
  all(prefix: string): Array<Record<string, unknown>>;
} {
  const entries: Array<Record<string, unknown>> = [];
  const waiters: Array<{ prefix: string; resolve: (e: Record<string, unknown>) => void }> = [];
  let buffered = "";
  let exited: number | null | undefined;
  const failures: Array<(e: Error) => void> = [];
  const settle = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      const hit = entries.find((e) => typeof e.msg === "string" && e.msg.startsWith(w.prefix));
      if (hit !== undefined) {
        waiters.splice(i, 1);
        w.resolve(hit);
      }
    }
  };
  child.stdout?.on("data", (c: Buffer) => {
    buffered += c.toString("utf8");
    let nl = buffered.indexOf("\n");
    while (nl >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith("{")) entries.push(JSON.parse(line) as Record<string, unknown>);
      nl = buffered.indexOf("\n");
    }
    settle();
  });
  child.on("close", (code) => {
    exited = code;
    for (const f of failures.splice(0)) f(new Error(`theta exited (${code}) before the awaited log line`));
  });
  return {
    all: (prefix) => entries.filter((e) => typeof e.msg === "string" && e.msg.startsWith(prefix)),
    waitFor(prefix) {
      return new Promise((resolve, reject) => {
        waiters.push({ prefix, resolve });
        settle();
        if (exited !== undefined) reject(new Error(`theta exited (${exited}) before logging "${prefix}"`));
        else failures.push(reject);
      });
    },
  };
}
