/**
 * Where the node's time goes: a summary of the V8 CPU profile the child writes with
 * `--cpu-prof` (self time per function, and per package or dependency), for `bench:node --profile`.
 */
import { copyFile, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
}

/** Self-time shares of a profile: by function and by bucket (workspace package, dependency, V8). */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly idleShare: number;
  readonly buckets: ReadonlyArray<{ readonly name: string; readonly share: number }>;
  readonly functions: ReadonlyArray<{ readonly name: string; readonly share: number }>;
}

/** The bucket of a frame's URL: `@theta/<pkg>`, an npm package, `node:` internals, or V8's own. */
export function bucketOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const ws = /\/(packages|apps)\/([^/]+)\/src\//.exec(url);
  if (ws !== null) return `@theta/${ws[2]}`;
  const nm = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm !== null) return nm[1]!;
  if (url.startsWith("node:")) return "node: internals";
  return "(other)";
}

/** Summarizes the first `.cpuprofile` in `dir`, or undefined when there is none. */
export async function summarizeProfileDir(dir: string, top = 12): Promise<ProfileSummary | undefined> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return undefined;
  const p = JSON.parse(await readFile(join(dir, files[0]!), "utf8")) as CpuProfile;
  const hits = new Map<number, number>();
  for (const s of p.samples ?? []) hits.set(s, (hits.get(s) ?? 0) + 1);
  let total = 0;
  let idle = 0;
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const n of p.nodes) {
    const h = hits.get(n.id) ?? n.hitCount ?? 0;
    if (h === 0) continue;
    total += h;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === "(idle)") {
      idle += h;
      continue;
    }
    const bucket = bucketOf(url, functionName);
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + h);
    const file = url.split("/").slice(-1)[0] ?? "";
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1} [${bucket}]`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + h);
  }
  const busy = Math.max(1, total - idle);
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, h]) => ({ name, share: h / busy }));
  return {
    totalMs: (p.endTime - p.startTime) / 1000,
    idleShare: total === 0 ? 0 : idle / total,
    buckets: rank(byBucket),
    functions: rank(byFunction),
  };
}

/** Copies the first `.cpuprofile` in `dir` to `out` (nothing when there is none). */
export async function copyProfile(dir: string, out: string): Promise<void> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length > 0) await copyFile(join(dir, files[0]!), out);
}
