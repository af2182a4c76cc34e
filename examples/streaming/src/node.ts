/**
 * A privatenet `theta` node for the demo and its test: a writable temp copy of
 * fixtures/privatenet/node, started from the build (apps/node/bin/theta.js) on free ports of
 * 127.0.0.1, stopped (killed, temp dir removed) by `stop()`. The same approach as the Ethereum
 * client suites (e2e/eth-clients/test/support/node.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { chmod, cp, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PRIVATENET_PASSWORD, PRIVATENET_TEST_KEYS } from "../../../apps/node/src/genesis/privatenet.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const THETA_BIN = join(REPO_ROOT, "apps/node/bin/theta.js");
const THETA_SOURCE = join(REPO_ROOT, "apps/node/src/main.ts");
const FIXTURE_NODE = join(REPO_ROOT, "fixtures/privatenet/node");

/** The fixture's funded test key of `address` (EIP-55 hex without 0x), as 32 bytes. */
export function testKey(address: string): Uint8Array {
  const k = PRIVATENET_TEST_KEYS.find((t) => t.address.toLowerCase() === address.toLowerCase());
  if (k === undefined) throw new Error(`no privatenet test key for ${address}`);
  return Uint8Array.from(Buffer.from(k.privateKey, "hex"));
}

/** Who is who in the demo (each a fixture test key with 5,000,000 TFuel at genesis). */
export const ROLES = {
  viewer: "0d2fD67d573c8ecB4161510fc00754d64B401F86",
  cheater: "a5cdB2B0306518fb37b28bb63A1B2590FdE9b747",
  relayA: "21cA457E6E34162654aDEe28bcf235ebE5eee5De",
  relayB: "70f587259738cB626A1720Af7038B8DcDb6a42a0",
} as const;

export interface PrivatenetNode {
  /** http://127.0.0.1:<port>/rpc */
  readonly rpcUrl: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

async function copyNodeDir(): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), "theta-streaming-"));
  const dir = join(root, "node");
  await cp(FIXTURE_NODE, dir, { recursive: true });
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    await chmod(p, s.isDirectory() ? 0o700 : 0o600);
    if (s.isDirectory()) for (const e of await readdir(p)) await walk(join(p, e));
  };
  await walk(dir);
  return { root, dir };
}

/**
 * Starts the node and resolves once its RPC listens and the chain runs. `env` adds THETA_*
 * settings (for example THETA_RPC_ALLOWEDORIGINS).
 */
export async function startPrivatenet(
  opts: { blockIntervalMs?: number; env?: Record<string, string>; log?: (line: string) => void } = {},
): Promise<PrivatenetNode> {
  // The build by default; the sources through tsx when asked (STREAMING_NODE_FROM_SOURCE=1).
  const fromSource = process.env.STREAMING_NODE_FROM_SOURCE === "1";
  if (!fromSource && !existsSync(join(REPO_ROOT, "apps/node/dist/main.js"))) {
    throw new Error("apps/node/dist/main.js is missing: build first (npm run build)");
  }
  const entry = fromSource
    ? ["--conditions=@theta/source", "--import", import.meta.resolve("tsx"), THETA_SOURCE]
    : [THETA_BIN];
  const { root, dir } = await copyNodeDir();
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("THETA_")) delete env[k];
  Object.assign(env, {
    THETA_NODE_PASSWORD: PRIVATENET_PASSWORD,
    THETA_RPC_PORT: "0",
    THETA_P2P_PORT: "0",
    THETA_METRICS_PORT: "0",
    THETA_CONSENSUS_BLOCKINTERVALMS: String(opts.blockIntervalMs ?? 500),
    ...opts.env,
  });
  const child = spawn(process.execPath, [...entry, "start", `--config=${dir}`], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const onExit = (): void => {
    child.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const stop = async (): Promise<void> => {
    process.off("exit", onExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("close", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(root, { recursive: true, force: true });
  };

  // JSON log lines: the RPC port comes from "rpc listening", readiness from "chain started".
  let port: number | undefined;
  let started = false;
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (c: Buffer) => {
      buffered += c.toString("utf8");
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!line.startsWith("{")) continue;
        if (/"level":(40|50|60)/.test(line)) opts.log?.(line.slice(0, 2000));
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (port === undefined && entry.msg?.startsWith("rpc listening (")) port = Number(entry.port);
        if (entry.msg === "chain started") started = true;
        if (port !== undefined && started) resolve();
      }
    });
    child.stderr?.on("data", (c: Buffer) => opts.log?.(c.toString("utf8")));
    child.once("close", (code) => reject(new Error(`theta exited (${code}) before it was ready`)));
  });
  try {
    await ready;
  } catch (e) {
    await stop();
    throw e;
  }
  return { rpcUrl: `http://127.0.0.1:${port}/rpc`, child, stop };
}
