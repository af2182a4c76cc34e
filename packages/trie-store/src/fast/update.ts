/**
 * Insertion and deletion by path copying: the nodes on the key's path are rebuilt, everything
 * else is shared with the previous version. Stored children are decoded on demand through
 * `resolve`. Deletion restores the canonical shape (a branch left with one entry collapses into
 * a short node; adjacent short nodes merge), so roots match any other go-ethereum trie.
 */

import { commonPrefix, joinNibbles, restEquals } from "./nibbles.ts";
import { branchNode, extensionNode, leafNode, NodeKind, type ResolvedNode, type TrieNode } from "./node.ts";

/** Decodes a stored node (from the cache or the database). */
export type Resolve = (node: TrieNode) => Promise<ResolvedNode>;

function equalValue(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A branch holding `a` (rest `aRest` after nibble) and the new key's value. */
function split(
  shared: Uint8Array,
  old: { nibble: number | undefined; node: TrieNode | undefined; value: Uint8Array | undefined },
  key: Uint8Array,
  at: number,
  value: Uint8Array,
): ResolvedNode {
  const children = new Array<TrieNode | undefined>(16).fill(undefined);
  let branchValue: Uint8Array | undefined = old.value;
  if (old.nibble !== undefined) children[old.nibble] = old.node;
  if (at === key.length) branchValue = value;
  else children[key[at]!] = leafNode(key.subarray(at + 1), value);
  const branch = branchNode(children, branchValue);
  return shared.length > 0 ? extensionNode(shared, branch) : branch;
}

/** The subtree `node` with `key[pos..]` set to `value` (non-empty). */
export async function insert(
  node: TrieNode | undefined,
  key: Uint8Array,
  pos: number,
  value: Uint8Array,
  resolve: Resolve,
): Promise<TrieNode> {
  if (node === undefined) return leafNode(key.subarray(pos), value);
  const n = node.kind === NodeKind.Hash ? await resolve(node) : node;
  if (n.kind === NodeKind.Branch) {
    if (pos === key.length) {
      return n.value !== undefined && equalValue(n.value, value) ? n : branchNode(n.children, value);
    }
    const i = key[pos]!;
    const child = n.children[i];
    const updated = await insert(child, key, pos + 1, value, resolve);
    if (updated === child) return n;
    const children = n.children.slice();
    children[i] = updated;
    return branchNode(children, n.value);
  }
  const match = commonPrefix(n.path, key, pos);
  const shared = n.path.subarray(0, match);
  if (n.kind === NodeKind.Leaf) {
    if (match === n.path.length && pos + match === key.length) {
      return equalValue(n.value, value) ? n : leafNode(n.path, value);
    }
    const old =
      match === n.path.length
        ? { nibble: undefined, node: undefined, value: n.value }
        : {
            nibble: n.path[match]!,
            node: leafNode(n.path.subarray(match + 1), n.value),
            value: undefined,
          };
    return split(shared, old, key, pos + match, value);
  }
  if (match === n.path.length) {
    const updated = await insert(n.child, key, pos + match, value, resolve);
    return updated === n.child ? n : extensionNode(n.path, updated);
  }
  const rest = n.path.subarray(match + 1);
  const oldChild = rest.length === 0 ? n.child : extensionNode(rest, n.child);
  return split(shared, { nibble: n.path[match]!, node: oldChild, value: undefined }, key, pos + match, value);
}

/** A short node `prefix` + `node` merged into one (the canonical form after a deletion). */
function prepend(prefix: Uint8Array | number, node: ResolvedNode): ResolvedNode {
  if (node.kind === NodeKind.Leaf) return leafNode(joinNibbles(prefix, node.path), node.value);
  if (node.kind === NodeKind.Extension) return extensionNode(joinNibbles(prefix, node.path), node.child);
  return extensionNode(typeof prefix === "number" ? Uint8Array.of(prefix) : prefix, node);
}

/** The subtree `node` without `key[pos..]` (the same object when the key is absent). */
export async function remove(
  node: TrieNode | undefined,
  key: Uint8Array,
  pos: number,
  resolve: Resolve,
): Promise<TrieNode | undefined> {
  if (node === undefined) return undefined;
  const n = node.kind === NodeKind.Hash ? await resolve(node) : node;
  if (n.kind === NodeKind.Leaf) return restEquals(n.path, key, pos) ? undefined : node;
  if (n.kind === NodeKind.Extension) {
    if (commonPrefix(n.path, key, pos) !== n.path.length) return node;
    const updated = await remove(n.child, key, pos + n.path.length, resolve);
    if (updated === n.child) return node;
    if (updated === undefined) return undefined;
    return prepend(n.path, updated.kind === NodeKind.Hash ? await resolve(updated) : updated);
  }
  let value = n.value;
  const children = n.children.slice();
  if (pos === key.length) {
    if (value === undefined) return node;
    value = undefined;
  } else {
    const i = key[pos]!;
    const updated = await remove(children[i], key, pos + 1, resolve);
    if (updated === children[i]) return node;
    children[i] = updated;
  }
  let only = -1;
  let count = value === undefined ? 0 : 1;
  for (let i = 0; i < 16; i++) {
    if (children[i] !== undefined) {
      count++;
      only = i;
    }
  }
  if (count >= 2) return branchNode(children, value);
  if (count === 0) return undefined;
  if (value !== undefined) return leafNode(new Uint8Array(0), value);
  return prepend(only, await resolve(children[only]!));
}
