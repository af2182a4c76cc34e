/**
 * A streaming reader of V8 `.heapsnapshot` files (too large for one JSON.parse once the heap passes a
 * few hundred MiB): the node and edge arrays go into typed arrays, the string table into an array.
 * Used by heapSummary.ts to find what a follower's heap holds (not run in CI).
 */
import { createReadStream } from "node:fs";

/** The parts of a snapshot the summary reads. */
export interface HeapSnapshot {
  readonly nodeFields: readonly string[];
  readonly nodeTypes: readonly string[];
  readonly edgeFields: readonly string[];
  readonly edgeTypes: readonly string[];
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
  readonly strings: readonly string[];
}

interface Meta {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[]];
      edge_fields: string[];
      edge_types: [string[]];
    };
    node_count: number;
    edge_count: number;
  };
}

/** A cursor over the file's text, chunk by chunk. */
class Cursor {
  private buf = "";
  private at = 0;
  private readonly chunks: AsyncIterator<string>;
  constructor(file: string) {
    const s = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 22 });
    this.chunks = s[Symbol.asyncIterator]() as AsyncIterator<string>;
  }
  private async more(): Promise<boolean> {
    const n = await this.chunks.next();
    if (n.done === true) return false;
    this.buf = this.buf.slice(this.at) + n.value;
    this.at = 0;
    return true;
  }
  /** Text up to and including `marker` (consumed). */
  async through(marker: string): Promise<string> {
    let out = "";
    for (;;) {
      const i = this.buf.indexOf(marker, this.at);
      if (i >= 0) {
        out += this.buf.slice(this.at, i + marker.length);
        this.at = i + marker.length;
        return out;
      }
      // Keep a tail that could start the marker.
      const keep = Math.max(this.at, this.buf.length - marker.length);
      out += this.buf.slice(this.at, keep);
      this.at = keep;
      if (!(await this.more())) throw new Error(`heap snapshot: "${marker}" not found`);
    }
  }
  /** Unsigned integers up to the closing `]`, into `out`; returns how many. */
  async numbers(out: Uint32Array): Promise<number> {
    let n = 0;
    let v = 0;
    let digits = false;
    for (;;) {
      const b = this.buf;
      for (let i = this.at; i < b.length; i++) {
        const c = b.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          v = v * 10 + (c - 48);
          digits = true;
        } else {
          if (digits) out[n++] = v;
          v = 0;
          digits = false;
          if (c === 93) {
            this.at = i + 1;
            return n;
          }
        }
      }
      this.at = b.length;
      if (!(await this.more())) throw new Error("heap snapshot: unterminated number array");
    }
  }
  /** JSON string literals up to the closing `]`. */
  async stringList(): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      // Skip separators to the next literal or the end.
      while (this.at < this.buf.length && this.buf[this.at] !== '"' && this.buf[this.at] !== "]") this.at++;
      if (this.at >= this.buf.length) {
        if (!(await this.more())) throw new Error("heap snapshot: unterminated string table");
        continue;
      }
      if (this.buf[this.at] === "]") return out;
      let i = this.at + 1;
      for (;;) {
        if (i >= this.buf.length) {
          const offset = i - this.at;
          if (!(await this.more())) throw new Error("heap snapshot: unterminated string");
          i = this.at + offset;
          continue;
        }
        const c = this.buf.charCodeAt(i);
        if (c === 92) i += 2;
        else if (c === 34) break;
        else i++;
      }
      out.push(JSON.parse(this.buf.slice(this.at, i + 1)) as string);
      this.at = i + 1;
    }
  }
}

/** Reads `file` (a `.heapsnapshot`). */
export async function readHeapSnapshot(file: string): Promise<HeapSnapshot> {
  const c = new Cursor(file);
  const head = await c.through('"nodes":[');
  const meta = JSON.parse(`${head.slice(0, head.lastIndexOf(",")).trim()}}`) as Meta;
  const m = meta.snapshot.meta;
  const nodes = new Uint32Array(meta.snapshot.node_count * m.node_fields.length);
  if ((await c.numbers(nodes)) !== nodes.length) throw new Error("heap snapshot: node count mismatch");
  await c.through('"edges":[');
  const edges = new Uint32Array(meta.snapshot.edge_count * m.edge_fields.length);
  if ((await c.numbers(edges)) !== edges.length) throw new Error("heap snapshot: edge count mismatch");
  await c.through('"strings":[');
  const strings = await c.stringList();
  return {
    nodeFields: m.node_fields,
    nodeTypes: m.node_types[0],
    edgeFields: m.edge_fields,
    edgeTypes: m.edge_types[0],
    nodes,
    edges,
    strings,
  };
}
