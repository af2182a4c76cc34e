/**
 * `theta devnet start`: runs every node of a devnet (or one, `--only`) as a child process
 * `theta start --config=<node dir>`, prefixes their output, prints a status line whenever the
 * highest height changes, stops them all on SIGINT/SIGTERM (SIGKILL after {@link STOP_GRACE_MS}),
 * and stops the rest when one exits on its own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { ThetaError } from "@theta/core-types";
import { DevnetErrorCode } from "./layout.ts";
import { linePrefixer } from "./logLines.ts";
import { type DevnetNode, readManifest } from "./manifest.ts";
import { highestHeight, readNodeStatus, statusLine } from "./status.ts";

/** How long stopped nodes get before SIGKILL. */
export const STOP_GRACE_MS = 5000;
const POLL_MS = 1000;
/** Signals closer together than this count as one stop request. */
export const REPEAT_MS = 1000;

export interface SuperviseDeps {
  /** The `theta` program: executable and leading arguments (e.g. node, its flags and main.js). */
  readonly theta: { readonly file: string; readonly args: readonly string[] };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly colour: boolean;
  /** Milliseconds of a monotonic clock. */
  readonly now: () => number;
  /** Registers the stop request (SIGINT/SIGTERM); returns an unregister function. */
  readonly onStopSignal: (stop: (signal: string) => void) => () => void;
}

export interface SuperviseOpts {
  readonly dir: string;
  readonly only: string | undefined;
  readonly password: string;
  /** How long stopped nodes get before SIGKILL (default {@link STOP_GRACE_MS}). */
  readonly graceMs?: number;
}

/** The child environment: the parent's minus every THETA_* override, plus the key password. */
function childEnv(env: SuperviseDeps["env"], password: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.startsWith("THETA_")) out[k] = v;
  out.THETA_NODE_PASSWORD = password;
  return out;
}

function pick(nodes: readonly DevnetNode[], only: string | undefined): DevnetNode[] {
  if (only === undefined) return [...nodes];
  const hit = nodes.filter((n) => n.name === only);
  if (hit.length === 0) {
    throw new ThetaError(
      DevnetErrorCode.UnknownNode,
      `--only ${only}: no such node (the devnet has ${nodes.map((n) => n.name).join(", ")})`,
      { details: { only } },
    );
  }
  return hit;
}

/** Runs the devnet until a stop signal or an unexpected exit; resolves to the exit code. */
export async function superviseDevnet(deps: SuperviseDeps, opts: SuperviseOpts): Promise<number> {
  const dir = resolve(opts.dir);
  const manifest = await readManifest(dir);
  const nodes = pick(manifest.nodes, opts.only);
  const indexOf = (n: DevnetNode) => manifest.nodes.indexOf(n);
  const width = Math.max(...nodes.map((n) => n.name.length));
  const env = childEnv(deps.env, opts.password);
  const children = new Map<DevnetNode, ChildProcess>();
  const closed: Array<Promise<void>> = [];
  let stopping = false;
  let failure: string | undefined;
  let killTimer: NodeJS.Timeout | undefined;

  const killAll = (): void => {
    for (const [n, c] of children) {
      if (c.exitCode === null && c.signalCode === null) {
        deps.err(`devnet: killing ${n.name}`);
        c.kill("SIGKILL");
      }
    }
  };
  const stopAll = (why: string): void => {
    if (stopping) return;
    stopping = true;
    deps.out(`devnet: stopping ${children.size} node(s) (${why})`);
    for (const c of children.values()) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
    const grace = opts.graceMs ?? STOP_GRACE_MS;
    killTimer = setTimeout(() => {
      deps.err(`devnet: not every node stopped within ${grace} ms`);
      killAll();
    }, grace);
  };
  // A second signal does not wait for the grace period. One coming within REPEAT_MS of the first is
  // the same request delivered twice (Ctrl-C signals the whole process group, and a wrapper such as
  // scripts/devnet.mjs may forward it too).
  let firstSignalAt = 0;
  const unregister = deps.onStopSignal((signal) => {
    const now = deps.now();
    if (!stopping) {
      firstSignalAt = now;
      stopAll(signal);
    } else if (now - firstSignalAt >= REPEAT_MS) killAll();
  });

  for (const n of nodes) {
    if (stopping) break; // a signal arrived while starting
    const config = join(dir, n.dir);
    const child = spawn(deps.theta.file, [...deps.theta.args, "start", `--config=${config}`], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.set(n, child);
    const prefix = linePrefixer(n.name, indexOf(n), width, deps.colour);
    createInterface({ input: child.stdout! }).on("line", (l) => deps.out(prefix(l)));
    createInterface({ input: child.stderr! }).on("line", (l) => deps.err(prefix(l)));
    closed.push(
      new Promise((done) => {
        child.on("error", (e) => {
          failure ??= `${n.name} could not be started: ${e.message}`;
          stopAll(`${n.name} failed`);
          done();
        });
        child.on("close", (code, signal) => {
          if (!stopping) {
            failure ??= `${n.name} exited unexpectedly (${signal === null ? `exit code ${code}` : signal})`;
            deps.err(`devnet: ${failure}`);
            stopAll(`${n.name} exited`);
          }
          done();
        });
      }),
    );
    deps.out(
      `devnet: started ${n.name} (${n.role}, pid ${child.pid}): rpc http://127.0.0.1:${n.rpcPort}/rpc, config ${config}`,
    );
  }

  let lastHeight = -1n;
  let polling = false;
  const poller = setInterval(() => {
    if (polling || stopping) return;
    polling = true;
    Promise.all(nodes.map((n) => readNodeStatus(n.rpcPort)))
      .then((statuses) => {
        const h = highestHeight(statuses);
        if (h !== lastHeight && h >= 0n && !stopping) {
          lastHeight = h;
          deps.out(
            statusLine(
              nodes.map((n) => ({ name: n.name, index: indexOf(n) })),
              statuses,
              deps.colour,
            ),
          );
        }
      })
      .finally(() => {
        polling = false;
      });
  }, POLL_MS);

  await Promise.all(closed);
  clearInterval(poller);
  if (killTimer !== undefined) clearTimeout(killTimer);
  unregister();
  if (failure !== undefined) {
    throw new ThetaError(DevnetErrorCode.NodeExited, failure, { details: { dir } });
  }
  deps.out("devnet: every node stopped");
  return 0;
}
