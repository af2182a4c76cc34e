/** `theta start` child processes with extra flags (the chain import ones), for the backup tests. */
import type { ChildProcess } from "node:child_process";
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { createRpcClient } from "../../src/devnet/rpcClient.ts";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE, spawnTheta, watchLogs } from "../cli/runTheta.ts";

/** A running node. */
export interface BackupTestNode {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  call<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  waitLog(prefix: string): Promise<Record<string, unknown>>;
}

const ENV = {
  THETA_NODE_PASSWORD: "qwertyuiop",
  THETA_RPC_PORT: "0",
  THETA_METRICS_PORT: "0",
  THETA_CONSENSUS_BLOCKINTERVALMS: "300",
  THETA_P2P_PORT: "0",
};

/** Spawns `theta start --config=<dir> <flags>`; resolves once the chain started. */
export async function startNodeWith(
  dir: string,
  flags: readonly string[],
  env: Record<string, string> = {},
): Promise<BackupTestNode> {
  const child = spawnTheta(["start", `--config=${dir}`, ...flags], { ...ENV, ...env });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  child.stderr?.on("data", (c: Buffer) => process.stderr.write(c));
  const logs = watchLogs(child);
  const listening = await logs.waitFor("rpc listening");
  await logs.waitFor("chain started");
  const rpc = createRpcClient(Number(listening.port));
  return { child, exited, call: rpc.call, waitLog: (p) => logs.waitFor(p) };
}

/** Runs `theta start` expecting it to fail: its exit code and stderr. */
export async function failingStart(
  dir: string,
  flags: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  const child = spawnTheta(["start", `--config=${dir}`, ...flags], ENV);
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString("utf8");
  });
  child.stdout?.resume();
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stderr };
}

/** Gives the fixture copy at `dir` a node key that holds no stake (a follower). */
export async function useFollowerKey(dir: string): Promise<void> {
  const key = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;
  await rm(join(dir, "key", "encrypted"), { recursive: true });
  await cp(
    join(FIXTURE_NODE, "..", "thetacli", "keys", "encrypted", key),
    join(dir, "key", "encrypted", key),
  );
}

/** Kills a node if it still runs. */
export async function stopNode(n: BackupTestNode | undefined): Promise<void> {
  if (n !== undefined && n.child.exitCode === null && n.child.signalCode === null) {
    n.child.kill("SIGKILL");
    await n.exited;
  }
}
