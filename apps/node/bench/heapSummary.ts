/**
 * What a heap holds and what grew between two snapshots of one process (V8 keeps object ids across
 * them): self size and count by constructor, then for the constructors that grew most, what retains
 * their new objects (a histogram of retainer chains up to `--depth` steps, weak edges skipped).
 *
 *   node --import tsx bench/heapSummary.ts A.heapsnapshot [B.heapsnapshot] [--top=25] [--depth=5]
 */
import { type HeapSnapshot, readHeapSnapshot } from "./heapSnapshot.ts";

const arg = (name: string, dflt: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt);
const TOP = arg("top", 25);
const DEPTH = arg("depth", 5);

interface Indexed {
  readonly s: HeapSnapshot;
  readonly nf: number;
  readonly count: number;
  readonly key: (n: number) => string;
  readonly id: (n: number) => number;
  readonly self: (n: number) => number;
}

function indexed(s: HeapSnapshot): Indexed {
  const nf = s.nodeFields.length;
  const fType = s.nodeFields.indexOf("type");
  const fName = s.nodeFields.indexOf("name");
  const fId = s.nodeFields.indexOf("id");
  const fSelf = s.nodeFields.indexOf("self_size");
  const named = new Set(["object", "closure", "native", "hidden", "synthetic", "code"]);
  return {
    s,
    nf,
    count: s.nodes.length / nf,
    key(n) {
      const type = s.nodeTypes[s.nodes[n * nf + fType]!]!;
      return named.has(type) ? `${type}:${s.strings[s.nodes[n * nf + fName]!]!.slice(0, 60)}` : type;
    },
    id: (n) => s.nodes[n * nf + fId]!,
    self: (n) => s.nodes[n * nf + fSelf]!,
  };
}

/** Self size and count by key. */
function byKey(h: Indexed, keep?: (n: number) => boolean): Map<string, { size: number; count: number }> {
  const out = new Map<string, { size: number; count: number }>();
  for (let n = 0; n < h.count; n++) {
    if (keep !== undefined && !keep(n)) continue;
    const k = h.key(n);
    const e = out.get(k) ?? { size: 0, count: 0 };
    e.size += h.self(n);
    e.count++;
    out.set(k, e);
  }
  return out;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`.padStart(11);

/** Reverse edges: for each node, the (node, edge) pairs that point at it. */
function retainers(h: Indexed): { start: Uint32Array; from: Uint32Array; edge: Uint32Array } {
  const { s, nf } = h;
  const ef = s.edgeFields.length;
  const fEc = s.nodeFields.indexOf("edge_count");
  const fTo = s.edgeFields.indexOf("to_node");
  const start = new Uint32Array(h.count + 1);
  for (let e = 0; e < s.edges.length; e += ef) start[s.edges[e + fTo]! / nf + 1]!++;
  for (let n = 0; n < h.count; n++) start[n + 1]! += start[n]!;
  const fill = start.slice(0, h.count);
  const from = new Uint32Array(s.edges.length / ef);
  const edge = new Uint32Array(s.edges.length / ef);
  let e = 0;
  for (let n = 0; n < h.count; n++) {
    for (let k = 0; k < s.nodes[n * nf + fEc]!; k++, e += ef) {
      const to = s.edges[e + fTo]! / nf;
      from[fill[to]!] = n;
      edge[fill[to]!++] = e;
    }
  }
  return { start, from, edge };
}

function edgeLabel(s: HeapSnapshot, e: number): string {
  const type = s.edgeTypes[s.edges[e + s.edgeFields.indexOf("type")]!]!;
  const v = s.edges[e + s.edgeFields.indexOf("name_or_index")]!;
  // Indices are left out, so that the chains of many objects held alike fall together.
  const name = type === "element" || type === "hidden" ? "" : s.strings[v]!;
  return name === "" || /^\d+$/.test(name) ? "[]" : `.${name}`;
}

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (files.length === 0) throw new Error("usage: heapSummary.ts A.heapsnapshot [B.heapsnapshot]");
  const b = indexed(await readHeapSnapshot(files[files.length - 1]!));
  let total = 0;
  for (let n = 0; n < b.count; n++) total += b.self(n);
  console.log(`${files[files.length - 1]}: ${b.count} nodes, ${mib(total)} self in all`);
  let rows: Array<[string, { size: number; count: number }]>;
  let isNew: (n: number) => boolean = () => true;
  if (files.length === 1) {
    rows = [...byKey(b)].sort((x, y) => y[1].size - x[1].size);
  } else {
    const a = indexed(await readHeapSnapshot(files[0]!));
    const ids = new Uint32Array(a.count);
    for (let n = 0; n < a.count; n++) ids[n] = a.id(n);
    ids.sort();
    const known = (id: number): boolean => {
      let lo = 0;
      let hi = ids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (ids[mid] === id) return true;
        if (ids[mid]! < id) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    };
    const before = byKey(a);
    const after = byKey(b);
    let totalA = 0;
    for (let n = 0; n < a.count; n++) totalA += a.self(n);
    console.log(`${files[0]}: ${a.count} nodes, ${mib(totalA)} self; growth ${mib(total - totalA)}`);
    rows = [...after].map(([k, v]): [string, { size: number; count: number }] => {
      const p = before.get(k) ?? { size: 0, count: 0 };
      return [k, { size: v.size - p.size, count: v.count - p.count }];
    });
    rows.sort((x, y) => y[1].size - x[1].size);
    isNew = (n) => !known(b.id(n));
  }
  console.log(files.length === 1 ? "self size by constructor:" : "growth of self size by constructor:");
  for (const [k, v] of rows.slice(0, TOP)) console.log(`${mib(v.size)} ${String(v.count).padStart(9)}  ${k}`);
  const rev = retainers(b);
  const totals = byKey(b);
  for (const [k] of rows.slice(0, 6)) {
    const chains = new Map<string, number>();
    let sampled = 0;
    // Every stride-th object of the kind (a uniform sample, not the first ones in node order).
    const stride = Math.max(1, Math.floor((totals.get(k)?.count ?? 0) / 3000));
    let seenOfKind = 0;
    for (let n = 0; n < b.count && sampled < 3000; n++) {
      if (b.key(n) !== k || !isNew(n)) continue;
      if (seenOfKind++ % stride !== 0) continue;
      sampled++;
      const parts: string[] = [];
      let at = n;
      const seen = new Set<number>([n]);
      for (let d = 0; d < DEPTH; d++) {
        let next = -1;
        let label = "";
        for (let r = rev.start[at]!; r < rev.start[at + 1]!; r++) {
          const e = rev.edge[r]!;
          if (b.s.edgeTypes[b.s.edges[e + b.s.edgeFields.indexOf("type")]!] === "weak") continue;
          if (seen.has(rev.from[r]!)) continue;
          next = rev.from[r]!;
          label = edgeLabel(b.s, e);
          break;
        }
        if (next < 0) break;
        parts.push(`${b.key(next)}${label}`);
        seen.add(next);
        at = next;
      }
      const sig = parts.join(" <- ");
      chains.set(sig, (chains.get(sig) ?? 0) + 1);
    }
    console.log(`\nretainers of new ${k} (${sampled} sampled):`);
    for (const [sig, c] of [...chains].sort((x, y) => y[1] - x[1]).slice(0, 5))
      console.log(`  ${String(c).padStart(5)}  <- ${sig}`);
  }
}

await main();
