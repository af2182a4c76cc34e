/** A `theta` child process for end-to-end tests: a writable copy of a node dir, free ports, JSON-RPC calls. */
import type { ChildProcess } from "node:child_process";
import { chmod, cp, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRpcClient, type RpcReply } from "../../src/devnet/rpcClient.ts";
import { spawnTheta, watchLogs } from "../cli/runTheta.ts";

export { freePort } from "../../src/devnet/ports.ts";

/** Copies `src` (files may be read-only) into a fresh temp dir, everything owner-writable. */
export async function copyNodeDir(src: string, prefix: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), prefix)), "node");
  await cp(src, dir, { recursive: true });
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    await chmod(p, s.isDirectory() ? 0o700 : 0o600);
    if (s.isDirectory()) for (const e of await readdir(p)) await walk(join(p, e));
  };
  await walk(dir);
  return dir;
}

/** A running node. */
export interface TestNode {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<number | null>;
  call<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Raw JSON-RPC reply (result or error). */
  raw(method: string, params?: Record<string, unknown>): Promise<RpcReply>;
  waitLog(prefix: string): Promise<Record<string, unknown>>;
  /** Every log entry so far whose message starts with `prefix`. */
  logs(prefix: string): Array<Record<string, unknown>>;
}

/** Starts `theta start --config=<dir>` with the fixture password on free ports. */
export async function startTestNode(dir: string, env: Record<string, string> = {}): Promise<TestNode> {
  const child = spawnTheta(["start", `--config=${dir}`], {
    THETA_NODE_PASSWORD: "qwertyuiop",
    THETA_RPC_PORT: "0",
    THETA_METRICS_PORT: "0",
    THETA_CONSENSUS_BLOCKINTERVALMS: "300",
    THETA_P2P_PORT: "0",
    ...env,
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  child.stderr?.on("data", (c: Buffer) => process.stderr.write(c));
  // Warnings and errors of the node show up in the test output.
  child.stdout?.on("data", (c: Buffer) => {
    for (const line of c.toString("utf8").split("\n"))
      if (/"level":(40|50|60)/.test(line)) process.stderr.write(`[theta] ${line.slice(0, 2000)}\n`);
  });
  const logs = watchLogs(child);
  const listening = await logs.waitFor("rpc listening");
  await logs.waitFor("chain started");
  const port = Number(listening.port);
  const rpc = createRpcClient(port);
  return {
    child,
    port,
    exited,
    raw: rpc.raw,
    call: rpc.call,
    waitLog: (prefix) => logs.waitFor(prefix),
    logs: (prefix) => logs.all(prefix),
  };
}

/** Kills every node still running (SIGKILL) and removes the temp dirs `copyNodeDir` made for `dirs`. */
export async function stopTestNodes(nodes: readonly TestNode[], dirs: readonly string[]): Promise<void> {
  for (const n of nodes) {
    if (n.child.exitCode === null && n.child.signalCode === null) {
      n.child.kill("SIGKILL");
      await n.exited;
    }
  }
  for (const d of dirs) await rm(dirname(d), { recursive: true, force: true });
}

/** Polls `f` until it returns a defined value (the test's own timeout bounds the wait). */
export async function until<T>(f: () => Promise<T | undefined>, everyMs = 100): Promise<T> {
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
