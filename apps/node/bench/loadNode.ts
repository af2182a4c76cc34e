/**
 * The node under load: a temp node dir (snapshot from `theta genesis`, config.yaml with its
 * genesis hash, the privatenet validator key), `theta start` as a child process on free ports,
 * its resident memory, and a clean stop.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesToHex } from "@theta/core-types";
import { runGenesis } from "../src/cmds/genesis.ts";
import { PRIVATENET_PASSWORD, PRIVATENET_VALIDATOR } from "../src/genesis/privatenet.ts";

const APP_DIR = fileURLToPath(new URL("../", import.meta.url));
const FIXTURE_KEY = join(APP_DIR, "../../fixtures/privatenet/node/key/encrypted", PRIVATENET_VALIDATOR);

/** A prepared node dir inside a temp root. */
export interface LoadNodeDir {
  readonly root: string;
  readonly dir: string;
  readonly genesisHash: string;
  readonly records: number;
}

/** The node choices the bench sets in config.yaml. */
export interface LoadNodeConfig {
  readonly blockIntervalMs: number;
  /** `consensus.maxTxsPerBlock`: regular txs per block. */
  readonly maxTxsPerBlock: number;
  /**
   * `rpc.idleTimeoutSecs`. The reference's 1 s makes the server advertise `Keep-Alive: timeout=1`,
   * and Node's http client then closes each connection after one response instead of reusing it.
   */
  readonly rpcIdleSecs: number;
  /** `crypto.backend`: "native" or "noble". */
  readonly cryptoBackend: string;
  /** `storage.trieEngine`: "fast" or "mpt". */
  readonly trieEngine: string;
}

/** Writes the description, runs `theta genesis`, writes config.yaml and the validator key. */
export async function prepareNodeDir(description: string, cfg: LoadNodeConfig): Promise<LoadNodeDir> {
  const { blockIntervalMs } = cfg;
  const root = await mkdtemp(join(tmpdir(), "theta-bench-node-"));
  const dir = join(root, "node");
  await mkdir(join(dir, "key", "encrypted"), { recursive: true, mode: 0o700 });
  const descFile = join(root, "genesis.json");
  await writeFile(descFile, description);
  const written = await runGenesis({ descriptionFile: descFile, outFile: join(dir, "snapshot") });
  const genesisHash = `0x${bytesToHex(written.blockHash)}`;
  await writeFile(
    join(dir, "config.yaml"),
    [
      "genesis:",
      `  hash: "${genesisHash}"`,
      "consensus:",
      `  minBlockInterval: ${Math.max(0, Math.floor(blockIntervalMs / 1000))}`,
      `  blockIntervalMs: ${blockIntervalMs}`,
      `  maxTxsPerBlock: ${cfg.maxTxsPerBlock}`,
      "crypto:",
      `  backend: ${cfg.cryptoBackend}`,
      "storage:",
      `  trieEngine: ${cfg.trieEngine}`,
      "p2p:",
      "  port: 0",
      "rpc:",
      "  enabled: true",
      "  port: 0",
      `  idleTimeoutSecs: ${cfg.rpcIdleSecs}`,
      "metrics:",
      "  port: 0",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  const keyFile = join(dir, "key", "encrypted", PRIVATENET_VALIDATOR);
  await copyFile(FIXTURE_KEY, keyFile);
  await writeFile(keyFile, await readFile(keyFile), { mode: 0o600 });
  return { root, dir, genesisHash, records: written.records };
}

/** A running node child process. */
export interface LoadNode {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly rpcPort: number;
  /** Lines at warn level or above seen on stdout (kept for the report). */
  readonly warnings: string[];
  /** Resident memory in KiB (VmRSS of /proc/<pid>/status), or undefined off Linux. */
  rssKiB(): Promise<number | undefined>;
  /** CPU seconds used so far, all threads (utime + stime of /proc/<pid>/stat), or undefined off Linux. */
  cpuSeconds(): Promise<number | undefined>;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `theta start --config=<dir>` from sources and waits for "chain started"; `nodeFlags`
 * go to the child's node (e.g. `--cpu-prof`).
 */
export async function startLoadNode(
  dir: string,
  nodeFlags: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<LoadNode> {
  const childEnv: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(childEnv)) if (k.startsWith("THETA_")) delete childEnv[k];
  Object.assign(childEnv, { THETA_NODE_PASSWORD: PRIVATENET_PASSWORD, ...env });
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      "--conditions=@theta/source",
      "--import",
      "tsx",
      "src/main.ts",
      "start",
      `--config=${dir}`,
    ],
    { cwd: APP_DIR, env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const warnings: string[] = [];
  child.stderr?.on("data", (c: Buffer) => process.stderr.write(`[theta stderr] ${c.toString("utf8")}`));
  let rpcPort: number | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (c: Buffer) => {
      buffered += c.toString("utf8");
      let nl = buffered.indexOf("\n");
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf("\n");
        if (!line.startsWith("{")) continue;
        const e = JSON.parse(line) as { level?: number; msg?: string; port?: number };
        if ((e.level ?? 0) >= 40) warnings.push(line.slice(0, 500));
        if (typeof e.msg === "string" && e.msg.startsWith("rpc listening")) rpcPort = e.port;
        if (e.msg === "chain started") resolve();
      }
    });
    void exited.then((code) => reject(new Error(`theta start exited with ${code} before "chain started"`)));
  });
  await ready;
  if (rpcPort === undefined || child.pid === undefined) throw new Error("no RPC port logged");
  const pid = child.pid;
  return {
    child,
    pid,
    rpcPort,
    warnings,
    async rssKiB() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8"));
        return m === null ? undefined : Number(m[1]);
      } catch {
        return undefined;
      }
    },
    async cpuSeconds() {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, "utf8");
        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        return undefined;
      }
    },
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Removes the temp root of a node dir. */
export async function removeNodeDir(d: LoadNodeDir): Promise<void> {
  await rm(d.root, { recursive: true, force: true });
}
