/**
 * A privatenet `theta` node for the Ethereum-client suites: a writable copy of the fixture node
 * dir in a temp dir, started from the build (apps/node/bin/theta.js) on free ports with a 300 ms
 * block interval, and stopped (process killed, temp dir removed) by {@link TestNode.stop}.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { chmod, cp, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (e2e/eth-clients/test/support → ../../../..). */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
/** The `theta` launcher; it runs apps/node/dist/main.js, so the node must be built. */
export const THETA_BIN = join(REPO_ROOT, "apps/node/bin/theta.js");
/** The privatenet fixture's node directory (config.yaml, genesis, encrypted node key). */
export const FIXTURE_NODE = join(REPO_ROOT, "fixtures/privatenet/node");
/** Password of the fixture's node key. */
export const FIXTURE_PASSWORD = "qwertyuiop";

/** One JSON-RPC 2.0 reply as it came over the wire. */
export interface RpcReply {
  readonly jsonrpc?: string;
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: unknown };
}

/** A running node. */
export interface TestNode {
  readonly port: number;
  /** http://127.0.0.1:<port>/rpc */
  readonly url: string;
  /** ws://127.0.0.1:<port>/ws */
  readonly wsUrl: string;
  readonly child: ChildProcess;
  /** Raw JSON-RPC call with positional params (Ethereum style); returns the whole reply. */
  rpc(method: string, params?: readonly unknown[]): Promise<RpcReply>;
  /** Waits until the node's latest block number is at least `n`. */
  waitForBlock(n: bigint): Promise<void>;
  /** Kills the node and removes its temp dir. */
  stop(): Promise<void>;
}

/** Copies `src` (files may be read-only) into a fresh temp dir, everything owner-writable. */
async function copyNodeDir(src: string): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), "theta-eth-clients-"));
  const dir = join(root, "node");
  await cp(src, dir, { recursive: true });
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    await chmod(p, s.isDirectory() ? 0o700 : 0o600);
    if (s.isDirectory()) for (const e of await readdir(p)) await walk(join(p, e));
  };
  await walk(dir);
  return { root, dir };
}

/** Starts `theta start --config=<copy of the fixture>` and resolves once the chain runs. */
export async function startNode(env: Record<string, string> = {}): Promise<TestNode> {
  if (!existsSync(join(REPO_ROOT, "apps/node/dist/main.js"))) {
    throw new Error(
      "apps/node/dist/main.js is missing: build first (node scripts/pnpm.mjs exec turbo run build)",
    );
  }
  const { root, dir } = await copyNodeDir(FIXTURE_NODE);
  const childEnv: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(childEnv)) if (k.startsWith("THETA_")) delete childEnv[k];
  Object.assign(childEnv, {
    THETA_NODE_PASSWORD: FIXTURE_PASSWORD,
    THETA_RPC_PORT: "0",
    THETA_P2P_PORT: "0",
    THETA_METRICS_PORT: "0",
    THETA_CONSENSUS_BLOCKINTERVALMS: "300",
    ...env,
  });
  const child = spawn(process.execPath, [THETA_BIN, "start", `--config=${dir}`], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));

  // JSON log lines: warnings and errors go to the test output; waiters get the first match.
  const entries: Array<Record<string, unknown>> = [];
  const waiters: Array<{ prefix: string; resolve: (e: Record<string, unknown>) => void }> = [];
  let buffered = "";
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
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!line.startsWith("{")) continue;
      if (/"level":(40|50|60)/.test(line)) process.stderr.write(`[theta] ${line.slice(0, 2000)}\n`);
      // Only the start-up lines are kept: a running node logs every block.
      if (waiters.length > 0) entries.push(JSON.parse(line) as Record<string, unknown>);
    }
    settle();
  });
  child.stderr?.on("data", (c: Buffer) => process.stderr.write(c));
  const waitLog = (prefix: string): Promise<Record<string, unknown>> =>
    Promise.race([
      new Promise<Record<string, unknown>>((resolve) => {
        waiters.push({ prefix, resolve });
        settle();
      }),
      exited.then((code) => {
        throw new Error(`theta exited (${code}) before logging "${prefix}"`);
      }),
    ]);

  // If the test process goes away without stop(), the node and its temp dir go with it.
  const onExit = (): void => {
    child.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  const stop = async (): Promise<void> => {
    process.off("exit", onExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(root, { recursive: true, force: true });
  };

  let port: number;
  try {
    const [listening] = await Promise.all([waitLog("rpc listening"), waitLog("chain started")]);
    port = Number(listening.port);
  } catch (e) {
    await stop();
    throw e;
  }
  entries.length = 0;
  const url = `http://127.0.0.1:${port}/rpc`;
  let id = 0;
  const rpc: TestNode["rpc"] = async (method, params = []) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    return (await res.json()) as RpcReply;
  };
  return {
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    child,
    rpc,
    async waitForBlock(n) {
      for (;;) {
        const r = await rpc("eth_blockNumber");
        if (typeof r.result === "string" && BigInt(r.result) >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop,
  };
}

/** Polls `f` until it returns a defined value or `timeoutMs` passes. */
export async function until<T>(
  f: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
