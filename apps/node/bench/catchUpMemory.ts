/**
 * Where the catch-up follower's memory goes (the "memory flat" target of issue 15), for bench:sync:
 *
 * - `--mem-every=N`: every N blocks the header-first follower's RSS is printed beside its JS heap and
 *   external memory (prom-client's process metrics, scraped from its metrics port), so a growing RSS
 *   can be told apart from a growing heap;
 * - `--heap-dir=DIR --heap-at=H1,H2`: the header-first follower runs with `--heapsnapshot-signal` and
 *   writes a V8 heap snapshot into DIR when it reaches each height (compare them with heapSummary.ts);
 * - `--malloc-arena-max=N`: the followers run with MALLOC_ARENA_MAX=N (glibc arenas: fragmentation
 *   against a leak).
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "../test/e2e/node.ts";

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const MEM_EVERY = Number(flag("mem-every") ?? "0");
const HEAP_DIR = flag("heap-dir") ?? "";
const HEAP_AT = (flag("heap-at") ?? "")
  .split(",")
  .filter((s) => s !== "")
  .map(Number);
const ARENAS = flag("malloc-arena-max");

/** Environment of every follower (MALLOC_ARENA_MAX when asked for). */
export const followerMallocEnv: Record<string, string> =
  ARENAS === undefined ? {} : { MALLOC_ARENA_MAX: ARENAS };

/** Whether the header-first follower needs its node flags or its metrics port. */
export const memoryProbeWanted = MEM_EVERY > 0 || HEAP_DIR !== "";

/** The probe of one follower run. */
export interface MemoryProbe {
  /** Node flags of the follower. */
  readonly flags: readonly string[];
  /** Environment of the follower (its metrics port). */
  readonly env: Record<string, string>;
  /** Called with each height the bench reads: prints the breakdown, takes the snapshots due. */
  onHeight(pid: number, height: number): Promise<void>;
}

const MIB = 2 ** 20;

/** RSS, JS heap and external memory in MiB from the node's metrics endpoint. */
async function scrape(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string): number => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, "m").exec(text);
    return m === null ? Number.NaN : Number(m[1]) / MIB;
  };
  return {
    rss: value("theta_process_process_resident_memory_bytes"),
    heapUsed: value("theta_process_nodejs_heap_size_used_bytes"),
    heapTotal: value("theta_process_nodejs_heap_size_total_bytes"),
    external: value("theta_process_nodejs_external_memory_bytes"),
  };
}

/** Waits until a new snapshot file in `dir` stops growing; returns its name. */
async function awaitSnapshot(dir: string, before: ReadonlySet<string>): Promise<string> {
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const fresh = (await readdir(dir)).filter((f) => f.endsWith(".heapsnapshot") && !before.has(f));
    if (fresh.length === 0) continue;
    const size = (await stat(join(dir, fresh[0]!))).size;
    if (size > 0 && size === last) return fresh[0]!;
    last = size;
  }
}

/** A probe for the header-first follower, or undefined when no memory option was given. */
export async function memoryProbe(): Promise<MemoryProbe | undefined> {
  if (!memoryProbeWanted) return undefined;
  const port = await freePort();
  const due = [...HEAP_AT].sort((a, b) => a - b);
  let nextPrint = MEM_EVERY;
  return {
    flags: HEAP_DIR === "" ? [] : ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${HEAP_DIR}`],
    env: { THETA_METRICS_PORT: String(port) },
    async onHeight(pid, height) {
      if (MEM_EVERY > 0 && height >= nextPrint) {
        nextPrint = height + MEM_EVERY;
        const m = await scrape(port).catch(() => undefined);
        if (m !== undefined) {
          const f = (k: string) => `${k} ${m[k]!.toFixed(0)}`;
          console.log(
            `  follower memory at ${height}: ${["rss", "heapUsed", "heapTotal", "external"].map(f).join(", ")} MiB`,
          );
        }
      }
      if (due.length > 0 && height >= due[0]!) {
        due.shift();
        const before = new Set((await readdir(HEAP_DIR)).filter((f) => f.endsWith(".heapsnapshot")));
        process.kill(pid, "SIGUSR2");
        const file = await awaitSnapshot(HEAP_DIR, before);
        console.log(`  follower heap snapshot at ${height}: ${join(HEAP_DIR, file)}`);
      }
    },
  };
}
