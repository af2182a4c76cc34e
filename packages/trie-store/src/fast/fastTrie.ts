/**
 * Our own Merkle-Patricia trie behind the `StateTrie` port: the same roots as @ethereumjs/mpt bit
 * for bit (go-ethereum node encoding, raw keys), much faster because dirty nodes stay in memory
 * and are hashed only when a root is asked for. Stored nodes are decoded on demand through a
 * bounded cache shared by every trie of the node database; new nodes reach the database
 * (`BufferedNodeDb`) when `root()` or `commit()` is called, so the versioned commit and the
 * reference-counting pruning see them exactly as they see the MPT's.
 */
import { bytesToHex, EMPTY_ROOT_HASH, type Hash, ThetaError } from "@theta/core-types";
import { type BoundedCache, createBoundedCache } from "../boundedCache.ts";
import type { BufferedNodeDb } from "../bufferedNodeDb.ts";
import { TrieStoreErrorCode } from "../errors.ts";
import type { NodeRefs } from "../nodeRefs.ts";
import type { StateTrie } from "../stateTrie.ts";
import { entriesUnder } from "./entries.ts";
import { keyToNibbles, restEquals } from "./nibbles.ts";
import { hashNode, NodeKind, type ResolvedNode, type TrieNode } from "./node.ts";
import { decodeNode, encodeNode, type Hasher, nodeRef } from "./nodeCodec.ts";
import { insert, remove } from "./update.ts";

/** What the tries of one node database share. */
export interface FastTrieContext {
  readonly nodes: BufferedNodeDb;
  readonly hash: Hasher;
  readonly cache: BoundedCache<ResolvedNode>;
}

/** Options of `createFastTrieContext`. */
export interface FastTrieOptions {
  /** Decoded nodes kept in memory across tries (default 200,000). */
  readonly cacheSize?: number;
}

/** The shared part of every fast trie over `nodes`. */
export function createFastTrieContext(
  nodes: BufferedNodeDb,
  hash: Hasher,
  opts: FastTrieOptions = {},
): FastTrieContext {
  return { nodes, hash, cache: createBoundedCache<ResolvedNode>(opts.cacheSize ?? 200_000) };
}

function isEmptyRoot(root: Hash): boolean {
  let zero = true;
  for (const b of root) if (b !== 0) zero = false;
  if (zero) return true;
  for (let i = 0; i < 32; i++) if (root[i] !== EMPTY_ROOT_HASH[i]) return false;
  return true;
}

/** Reads and decodes the stored node `hash`; throws `TRIE_MISSING_NODE` when absent. */
export async function loadNode(nodes: BufferedNodeDb, hash: Uint8Array): Promise<ResolvedNode> {
  const enc = await nodes.db.get(hash);
  if (enc === undefined) {
    throw new ThetaError(
      TrieStoreErrorCode.MissingNode,
      `trie node 0x${bytesToHex(hash)}: not in the node database`,
    );
  }
  const decoded = decodeNode(enc);
  decoded.ref = hash;
  return decoded;
}

/** A trie positioned at `root` (empty-trie root, all-zero hash or undefined: empty). */
export function openFastTrie(ctx: FastTrieContext, root?: Hash): StateTrie {
  return fastTrie(ctx, root === undefined || isEmptyRoot(root) ? undefined : hashNode(root));
}

function fastTrie(ctx: FastTrieContext, start: TrieNode | undefined): StateTrie {
  let root = start;
  let owner: object = {};
  const resolve = async (node: TrieNode): Promise<ResolvedNode> => {
    if (node.kind !== NodeKind.Hash) return node;
    const key = bytesToHex(node.hash);
    const hit = ctx.cache.get(key);
    if (hit !== undefined) return hit;
    const decoded = await loadNode(ctx.nodes, node.hash);
    ctx.cache.set(key, decoded);
    return decoded;
  };
  const rootHash = (): Hash => {
    if (root === undefined) return EMPTY_ROOT_HASH;
    const ref = nodeRef(root, ctx.hash);
    return ref.length === 32 ? ref : ctx.hash(ref);
  };
  /** Hashes, and hands every node not stored yet to the node database; returns the root. */
  const flush = (): Hash => {
    const h = rootHash();
    if (root === undefined || root.kind === NodeKind.Hash) return h;
    const put = (node: ResolvedNode, hash: Uint8Array): void => {
      ctx.nodes.stage(hash, encodeNode(node, ctx.hash), hashedRefs(node));
      // The next block's tries find it here, one node per entry: the cache's bound is then a bound.
      ctx.cache.set(bytesToHex(hash), shallow(node));
    };
    const visit = (node: TrieNode | undefined): void => {
      if (node === undefined || node.kind === NodeKind.Hash || node.stored) return;
      if (node.kind === NodeKind.Branch) for (const c of node.children) visit(c);
      else if (node.kind === NodeKind.Extension) visit(node.child);
      if (node.ref !== undefined && node.ref.length === 32) put(node, node.ref);
      node.enc = undefined;
      node.stored = true;
    };
    if (root.ref !== undefined && root.ref.length < 32) put(root, h); // a small root is stored by hash too
    visit(root);
    return h;
  };
  const trie: StateTrie = {
    async get(key) {
      const k = keyToNibbles(key);
      let pos = 0;
      let node = root;
      while (node !== undefined) {
        const n = node.kind === NodeKind.Hash ? await resolve(node) : node;
        if (n.kind === NodeKind.Leaf) return restEquals(n.path, k, pos) ? n.value : undefined;
        if (n.kind === NodeKind.Extension) {
          if (!restStartsWith(n.path, k, pos)) return undefined;
          pos += n.path.length;
          node = n.child;
        } else {
          if (pos === k.length) return n.value;
          node = n.children[k[pos++]!];
        }
      }
      return undefined;
    },
    async put(key, value) {
      const k = keyToNibbles(key);
      root =
        value.length === 0
          ? await remove(root, k, 0, resolve, owner)
          : await insert(root, k, 0, value, resolve, owner);
    },
    async del(key) {
      root = await remove(root, keyToNibbles(key), 0, resolve, owner);
    },
    root: flush,
    async commit() {
      const h = flush();
      // The flush cached the root and the nodes under it one by one (shallow: children by hash); this
      // trie lets its in-memory nodes go. Caching the in-memory root itself kept its whole tree alive
      // per entry, one state version per committed block, which the cache's count never bounded.
      if (
        root !== undefined &&
        root.kind !== NodeKind.Hash &&
        root.ref !== undefined &&
        root.ref.length === 32
      )
        root = hashNode(h);
      return h;
    },
    async prove(key) {
      flush();
      const k = keyToNibbles(key);
      const proof: Uint8Array[] = [];
      let pos = 0;
      let node = root;
      let first = true;
      while (node !== undefined) {
        const n = await resolve(node);
        const enc = encodeNode(n, ctx.hash);
        if (first || enc.length >= 32) proof.push(enc);
        first = false;
        if (n.kind === NodeKind.Leaf) break;
        if (n.kind === NodeKind.Extension) {
          if (!restStartsWith(n.path, k, pos)) break;
          pos += n.path.length;
          node = n.child;
        } else {
          if (pos === k.length) break;
          node = n.children[k[pos++]!];
        }
      }
      return proof;
    },
    entries: (prefix) => entriesUnder(root, keyToNibbles(prefix), resolve),
    copy: () => {
      owner = {}; // nodes built so far are now shared: neither trie may change them in place
      return fastTrie(ctx, root);
    },
  };
  return trie;
}

/** A child as a cache entry holds it: by hash when hashed (32 bytes), else the embedded node itself. */
function byHash(c: TrieNode | undefined): TrieNode | undefined {
  if (c === undefined || c.kind === NodeKind.Hash) return c;
  return c.ref !== undefined && c.ref.length === 32 ? hashNode(c.ref) : c;
}

/**
 * A stored node as the shared cache keeps it: the same content with hashed children by hash, so an
 * entry holds one node (and the few bytes of embedded ones), never a subtree of in-memory nodes.
 */
function shallow(node: ResolvedNode): ResolvedNode {
  if (node.kind === NodeKind.Leaf) return node;
  if (node.kind === NodeKind.Extension) {
    const child = byHash(node.child)!;
    return child === node.child ? node : { ...node, child, enc: undefined, owner: undefined, stored: true };
  }
  return {
    ...node,
    children: node.children.map(byHash),
    enc: undefined,
    owner: undefined,
    stored: true,
  };
}

/**
 * What a hashed node references (its children's 32-byte references, its leaf or branch value),
 * read off the node instead of decoding its encoding; undefined when a child is embedded (the
 * commit then decodes the encoding, which holds the embedded child).
 */
function hashedRefs(node: ResolvedNode): NodeRefs | undefined {
  const children: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  const child = (c: TrieNode): boolean => {
    const ref = c.kind === NodeKind.Hash ? c.hash : c.ref;
    if (ref === undefined || ref.length !== 32) return false;
    children.push(ref);
    return true;
  };
  if (node.kind === NodeKind.Leaf) values.push(node.value);
  else if (node.kind === NodeKind.Extension) {
    if (!child(node.child)) return undefined;
  } else {
    for (const c of node.children) if (c !== undefined && !child(c)) return undefined;
    if (node.value !== undefined && node.value.length > 0) values.push(node.value);
  }
  return { children, values };
}

function restStartsWith(path: Uint8Array, key: Uint8Array, pos: number): boolean {
  if (key.length - pos < path.length) return false;
  for (let i = 0; i < path.length; i++) if (path[i] !== key[pos + i]) return false;
  return true;
}
