/**
 * In-memory trie nodes. Nodes are never changed after they are built (an update builds new nodes
 * along the key's path), so tries can share them freely (`copy()` is O(1)). The only fields
 * written later are caches: `ref` (the node's reference in its parent, computed when hashing) and
 * `stored` (its encoding has been handed to the node database).
 */

/** Node kinds. */
export const NodeKind = { Leaf: 0, Extension: 1, Branch: 2, Hash: 3 } as const;

interface Cached {
  /**
   * How a parent refers to this node: keccak256 of its encoding when that is 32 bytes or longer,
   * else the encoding itself (embedded). Undefined until hashed.
   */
  ref: Uint8Array | undefined;
  /** The encoding, kept from hashing until the node is flushed. */
  enc: Uint8Array | undefined;
  /** The node (and everything below it) is in the node database or embedded in a stored parent. */
  stored: boolean;
  /** The trie allowed to change this node in place while it is not stored. */
  owner: object | undefined;
}

/** A short node ending a key: the rest of the key's nibbles and the value. */
export interface LeafNode extends Cached {
  readonly kind: typeof NodeKind.Leaf;
  readonly path: Uint8Array;
  value: Uint8Array;
}

/** A short node sharing a non-empty run of nibbles before its child. */
export interface ExtensionNode extends Cached {
  readonly kind: typeof NodeKind.Extension;
  readonly path: Uint8Array;
  child: TrieNode;
}

/** Sixteen children by next nibble, and the value of the key that ends here. */
export interface BranchNode extends Cached {
  readonly kind: typeof NodeKind.Branch;
  readonly children: Array<TrieNode | undefined>;
  value: Uint8Array | undefined;
}

/** A stored node not decoded yet, known by its hash. */
export interface HashNode {
  readonly kind: typeof NodeKind.Hash;
  readonly hash: Uint8Array;
}

/** Any node of the trie. */
export type TrieNode = LeafNode | ExtensionNode | BranchNode | HashNode;
/** A node whose content is in memory. */
export type ResolvedNode = LeafNode | ExtensionNode | BranchNode;

/** A leaf (not stored yet unless `stored`), changeable in place by `owner`. */
export const leafNode = (path: Uint8Array, value: Uint8Array, owner?: object, stored = false): LeafNode => ({
  kind: NodeKind.Leaf,
  path,
  value,
  ref: undefined,
  enc: undefined,
  stored,
  owner,
});

/** An extension (not stored yet unless `stored`), changeable in place by `owner`. */
export const extensionNode = (
  path: Uint8Array,
  child: TrieNode,
  owner?: object,
  stored = false,
): ExtensionNode => ({
  kind: NodeKind.Extension,
  path,
  child,
  ref: undefined,
  enc: undefined,
  stored,
  owner,
});

/** A branch (not stored yet unless `stored`), changeable in place by `owner`. */
export const branchNode = (
  children: Array<TrieNode | undefined>,
  value: Uint8Array | undefined,
  owner?: object,
  stored = false,
): BranchNode => ({ kind: NodeKind.Branch, children, value, ref: undefined, enc: undefined, stored, owner });

/** True when `owner` may change `node` in place; then forgets the node's cached hash. */
export function takeForUpdate(node: ResolvedNode, owner: object): boolean {
  if (node.owner !== owner || node.stored) return false;
  node.ref = undefined;
  node.enc = undefined;
  return true;
}

/** A reference to the stored node `hash`. */
export const hashNode = (hash: Uint8Array): HashNode => ({ kind: NodeKind.Hash, hash });

/** A node with no children yet (16 empty slots). */
export const emptyChildren = (): Array<TrieNode | undefined> =>
  new Array<TrieNode | undefined>(16).fill(undefined);
