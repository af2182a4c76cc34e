/**
 * Devnet nodes as separate `theta start --config=<node dir>` processes (what `theta devnet start`
 * runs for each node), so that a test can SIGKILL and restart any one of them. Each node's output is
 * appended to `<devnet>/<name>.log` (no pipe to fill up); {@link DevnetProcesses.tail} reads it back.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEVNET_DEFAULTS } from "../../src/devnet/layout.ts";
import type { DevnetManifest } from "../../src/devnet/manifest.ts";

export { freeBasePort } from "./basePort.ts";

const APP_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** The running devnet's processes by node name. */
export interface DevnetProcesses {
  /** Starts `name` (again), on its own data dir. */
  start(name: string): void;
  /** Sends `signal` to `name` and resolves when the process has exited. */
  stop(name: string, signal: NodeJS.Signals): Promise<void>;
  running(name: string): boolean;
  /** Nodes that exited without {@link stop} asking them to, with how they ended. */
  unexpectedExits(): string[];
  /** SIGKILLs every running node (for afterAll) and waits for them to exit. */
  killAll(): Promise<void>;
  /** The last `lines` lines of `name`'s log. */
  tail(name: string, lines: number): Promise<string>;
}

/** Process control of the devnet in `dir` described by `manifest`. */
export function devnetProcesses(dir: string, manifest: DevnetManifest): DevnetProcesses {
  const children = new Map<string, { child: ChildProcess; closed: Promise<void> }>();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("THETA_")) env[k] = v;
  env.THETA_NODE_PASSWORD = DEVNET_DEFAULTS.password;
  const nodeOf = (name: string) => {
    const n = manifest.nodes.find((x) => x.name === name);
    if (n === undefined) throw new Error(`no devnet node ${name}`);
    return n;
  };
  const isRunning = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
  const stopping = new Set<ChildProcess>();
  const unexpected: string[] = [];
  const stop = async (name: string, signal: NodeJS.Signals): Promise<void> => {
    const entry = children.get(name);
    if (entry === undefined) return;
    stopping.add(entry.child);
    if (isRunning(entry.child)) entry.child.kill(signal);
    await entry.closed;
  };
  return {
    start(name) {
      const prev = children.get(name);
      if (prev !== undefined && isRunning(prev.child)) throw new Error(`${name} is running`);
      const fd = openSync(join(dir, `${name}.log`), "a");
      const child = spawn(
        process.execPath,
        [
          "--conditions=@theta/source",
          "--import",
          "tsx",
          "src/main.ts",
          "start",
          `--config=${join(dir, nodeOf(name).dir)}`,
        ],
        { cwd: APP_DIR, env, stdio: ["ignore", fd, fd] },
      );
      closeSync(fd);
      const closed = new Promise<void>((resolve) =>
        child.on("close", (code, signal) => {
          if (!stopping.has(child)) unexpected.push(`${name} exited by itself (${signal ?? `code ${code}`})`);
          resolve();
        }),
      );
      children.set(name, { child, closed });
    },
    stop,
    unexpectedExits: () => [...unexpected],
    running: (name) => {
      const e = children.get(name);
      return e !== undefined && isRunning(e.child);
    },
    async killAll() {
      await Promise.all([...children.keys()].map((name) => stop(name, "SIGKILL")));
    },
    async tail(name, lines) {
      try {
        const text = await readFile(join(dir, `${name}.log`), "utf8");
        return text.split("\n").slice(-lines).join("\n");
      } catch {
        return "(no log)";
      }
    },
  };
}
