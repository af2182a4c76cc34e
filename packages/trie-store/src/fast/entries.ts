/**
 * Iteration over the keys under a prefix: a depth-first walk that enters only the subtrees whose
 * path is compatible with the prefix, yielding keys in byte order.
 */

import { joinNibbles, nibblesToKey } from "./nibbles.ts";
import { NodeKind, type TrieNode } from "./node.ts";
import type { Resolve } from "./update.ts";

/** True when one of `a`, `b` starts with the other. */
function compatible(a: Uint8Array, b: Uint8Array): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every (key, value) under `root` whose key starts with the nibbles `prefix`. */
export async function* entriesUnder(
  root: TrieNode | undefined,
  prefix: Uint8Array,
  resolve: Resolve,
): AsyncGenerator<readonly [Uint8Array, Uint8Array]> {
  const stack: Array<{ node: TrieNode; path: Uint8Array }> = [];
  if (root !== undefined) stack.push({ node: root, path: new Uint8Array(0) });
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const n = await resolve(node);
    if (n.kind === NodeKind.Leaf) {
      const full = joinNibbles(path, n.path);
      if (full.length >= prefix.length && compatible(full, prefix) && (full.length & 1) === 0) {
        yield [nibblesToKey(full), n.value] as const;
      }
    } else if (n.kind === NodeKind.Extension) {
      const next = joinNibbles(path, n.path);
      if (compatible(next, prefix)) stack.push({ node: n.child, path: next });
    } else {
      for (let i = 15; i >= 0; i--) {
        const c = n.children[i];
        if (c === undefined) continue;
        const next = joinNibbles(path, i);
        if (compatible(next, prefix)) stack.push({ node: c, path: next });
      }
      if (n.value !== undefined && path.length >= prefix.length && (path.length & 1) === 0) {
        yield [nibblesToKey(path), n.value] as const;
      }
    }
  }
}
