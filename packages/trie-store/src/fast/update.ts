/**
 * Insertion and deletion. Nodes the trie built itself and has not stored yet are changed in
 * place (`owner`); any other node on the key's path is rebuilt, everything else is shared.
 * Stored children are decoded on demand through `resolve`. Deletion restores the canonical shape
 * (a branch left with one entry collapses into a short node; adjacent short nodes merge), so
 * roots match any other go-ethereum trie.
 */

import { commonPrefix, joinNibbles, restEquals } from "./nibbles.ts";
import {
  branchNode,
  extensionNode,
  leafNode,
  NodeKind,
  type ResolvedNode,
  type TrieNode,
  takeForUpdate,
} from "./node.ts";

/** Decodes a stored node (from the cache or the database); other nodes come back as they are. */
export type Resolve = (node: TrieNode) => Promise<ResolvedNode>;

function equalValue(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A branch holding the old entry and the new key's value, under the shared path if any. */
function split(
  shared: Uint8Array,
  old: { nibble: number | undefined; node: TrieNode | undefined; value: Uint8Array | undefined },
  key: Uint8Array,
  at: number,
  value: Uint8Array,
  owner: object,
): ResolvedNode {
  const children = new Array<TrieNode | undefined>(16).fill(undefined);
  let branchValue: Uint8Array | undefined = old.value;
  if (old.nibble !== undefined) children[old.nibble] = old.node;
  if (at === key.length) branchValue = value;
  else children[key[at]!] = leafNode(key.subarray(at + 1), value, owner);
  const branch = branchNode(children, branchValue, owner);
  return shared.length > 0 ? extensionNode(shared, branch, owner) : branch;
}

/** The subtree `node` with `key[pos..]` set to `value` (non-empty). */
export async function insert(
  node: TrieNode | undefined,
  key: Uint8Array,
  pos: number,
  value: Uint8Array,
  resolve: Resolve,
  owner: object,
): Promise<TrieNode> {
  if (node === undefined) return leafNode(key.subarray(pos), value, owner);
  const n = node.kind === NodeKind.Hash ? await resolve(node) : node;
  if (n.kind === NodeKind.Branch) {
    if (pos === key.length) {
      if (n.value !== undefined && equalValue(n.value, value)) return n;
      if (takeForUpdate(n, owner)) {
        n.value = value;
        return n;
      }
      return branchNode(n.children.slice(), value, owner);
    }
    const i = key[pos]!;
    const child = n.children[i];
    const updated = await insert(child, key, pos + 1, value, resolve, owner);
    if (updated === child) return n;
    if (takeForUpdate(n, owner)) {
      n.children[i] = updated;
      return n;
    }
    const children = n.children.slice();
    children[i] = updated;
    return branchNode(children, n.value, owner);
  }
  const match = commonPrefix(n.path, key, pos);
  const shared = n.path.subarray(0, match);
  if (n.kind === NodeKind.Leaf) {
    if (match === n.path.length && pos + match === key.length) {
      if (equalValue(n.value, value)) return n;
      if (takeForUpdate(n, owner)) {
        n.value = value;
        return n;
      }
      return leafNode(n.path, value, owner);
    }
    const old =
      match === n.path.length
        ? { nibble: undefined, node: undefined, value: n.value }
        : {
            nibble: n.path[match]!,
            node: leafNode(n.path.subarray(match + 1), n.value, owner),
            value: undefined,
          };
    return split(shared, old, key, pos + match, value, owner);
  }
  if (match === n.path.length) {
    const updated = await insert(n.child, key, pos + match, value, resolve, owner);
    if (updated === n.child) return n;
    if (takeForUpdate(n, owner)) {
      n.child = updated;
      return n;
    }
    return extensionNode(n.path, updated, owner);
  }
  const rest = n.path.subarray(match + 1);
  const oldChild = rest.length === 0 ? n.child : extensionNode(rest, n.child, owner);
  return split(
    shared,
    { nibble: n.path[match]!, node: oldChild, value: undefined },
    key,
    pos + match,
    value,
    owner,
  );
}

/** A short node `prefix` + `node` merged into one (the canonical form after a deletion). */
function prepend(prefix: Uint8Array | number, node: ResolvedNode, owner: object): ResolvedNode {
  if (node.kind === NodeKind.Leaf) return leafNode(joinNibbles(prefix, node.path), node.value, owner);
  if (node.kind === NodeKind.Extension)
    return extensionNode(joinNibbles(prefix, node.path), node.child, owner);
  return extensionNode(typeof prefix === "number" ? Uint8Array.of(prefix) : prefix, node, owner);
}

/** The subtree `node` without `key[pos..]` (the same object when the key is absent). */
export async function remove(
  node: TrieNode | undefined,
  key: Uint8Array,
  pos: number,
  resolve: Resolve,
  owner: object,
): Promise<TrieNode | undefined> {
  if (node === undefined) return undefined;
  const n = node.kind === NodeKind.Hash ? await resolve(node) : node;
  if (n.kind === NodeKind.Leaf) return restEquals(n.path, key, pos) ? undefined : node;
  if (n.kind === NodeKind.Extension) {
    if (commonPrefix(n.path, key, pos) !== n.path.length) return node;
    const updated = await remove(n.child, key, pos + n.path.length, resolve, owner);
    if (updated === n.child) return node;
    if (updated === undefined) return undefined;
    return prepend(n.path, await resolve(updated), owner);
  }
  let value = n.value;
  let changedAt = -1;
  let changedTo: TrieNode | undefined;
  if (pos === key.length) {
    if (value === undefined) return node;
    value = undefined;
  } else {
    const i = key[pos]!;
    const updated = await remove(n.children[i], key, pos + 1, resolve, owner);
    if (updated === n.children[i]) return node;
    changedAt = i;
    changedTo = updated;
  }
  let only = -1;
  let count = value === undefined ? 0 : 1;
  for (let i = 0; i < 16; i++) {
    if ((i === changedAt ? changedTo : n.children[i]) !== undefined) {
      count++;
      only = i;
    }
  }
  if (count >= 2) {
    if (takeForUpdate(n, owner)) {
      n.value = value;
      if (changedAt >= 0) n.children[changedAt] = changedTo;
      return n;
    }
    const children = n.children.slice();
    if (changedAt >= 0) children[changedAt] = changedTo;
    return branchNode(children, value, owner);
  }
  if (count === 0) return undefined;
  if (value !== undefined) return leafNode(new Uint8Array(0), value, owner);
  const rest = only === changedAt ? changedTo : n.children[only];
  return prepend(only, await resolve(rest!), owner);
}
