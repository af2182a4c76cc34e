/**
 * The validator's view of the block tree (docs/consensus.md §2.7–§2.8): commit status, the two-chain
 * finalization rule and fork choice. Blocks are referenced by hash (hex keys inside); the tree never
 * decodes blocks — callers pass the header fields it needs.
 */
import { bytesToHex } from "@theta/core-types";

/** The header facts the tree needs about one block. */
export interface TreeBlock {
  /** Block hash. */
  readonly hash: Uint8Array;
  /** Parent hash. */
  readonly parent: Uint8Array;
  /** Hash of the highest committed block this block's header certifies (HCC). */
  readonly hcc: Uint8Array;
  /** Height. */
  readonly height: bigint;
  /** The block executed a validator stake change (docs/consensus.md §4.3). */
  readonly hasValidatorUpdate?: boolean;
}

/** Block tree with commit and finalization bookkeeping. */
export interface BlockTree {
  /** Adds a block whose parent is known (or the root); returns false if the parent is unknown. */
  add(block: TreeBlock): boolean;
  /**
   * Marks a block committed (it gathered a 2/3 commit certificate). Returns the hashes newly finalized,
   * oldest first: when the block certifies its own parent (`hcc == parent`), that parent is finalized
   * directly and its non-finalized ancestors indirectly. Ignored if unknown, already committed or not
   * higher than the current highest-CC block.
   * A chain that does not extend the last finalized block is never finalized.
   */
  commit(hash: Uint8Array): Uint8Array[];
  /**
   * Fork choice: the highest descendant of the highest-CC block; the last-arrived child is explored first.
   * With `excludeValidatorUpdates`, subtrees rooted at a block with a validator update are skipped (the
   * tip a proposer builds on, docs/consensus.md §2.8).
   */
  tip(excludeValidatorUpdates?: boolean): TreeBlock;
  /** The block with this hash, if it is in the tree. */
  get(hash: Uint8Array): TreeBlock | undefined;
  /** Whether a block is committed (the root counts as committed). */
  isCommitted(hash: Uint8Array): boolean;
  /** Forgets blocks below `height` (never the last finalized block); returns the hashes dropped. */
  prune(height: bigint): Uint8Array[];
  /** The highest committed block. */
  highestCommitted(): TreeBlock;
  /** The last finalized block. */
  lastFinalized(): TreeBlock;
  /** Whether a block is finalized. */
  isFinalized(hash: Uint8Array): boolean;
}

interface Node {
  readonly block: TreeBlock;
  readonly children: string[];
  committed: boolean;
  finalized: boolean;
}

/** Creates a tree rooted at a finalized, committed block (genesis or a trusted snapshot). */
export function createBlockTree(root: TreeBlock): BlockTree {
  const nodes = new Map<string, Node>();
  const rootKey = bytesToHex(root.hash);
  nodes.set(rootKey, { block: root, children: [], committed: true, finalized: true });
  let highestCC = rootKey;
  let finalizedKey = rootKey;
  const node = (k: string): Node => nodes.get(k) as Node;
  return {
    add(block) {
      const key = bytesToHex(block.hash);
      if (nodes.has(key)) return true;
      const parent = nodes.get(bytesToHex(block.parent));
      if (parent === undefined) return false;
      nodes.set(key, { block, children: [], committed: false, finalized: false });
      parent.children.push(key);
      return true;
    },
    commit(hash) {
      const key = bytesToHex(hash);
      const n = nodes.get(key);
      if (n === undefined || n.committed || n.block.height <= node(highestCC).block.height) return [];
      const out: Uint8Array[] = [];
      const parentKey = bytesToHex(n.block.parent);
      if (bytesToHex(n.block.hcc) === parentKey && !node(parentKey).finalized) {
        const chain: Node[] = [];
        let k: string | undefined = parentKey;
        while (k !== undefined && nodes.has(k) && !node(k).finalized) {
          chain.push(node(k));
          k = bytesToHex(node(k).block.parent);
        }
        // Only a chain that extends the last finalized block may be finalized (never a conflicting fork).
        if (k === finalizedKey) {
          for (const c of chain.reverse()) {
            c.finalized = true;
            out.push(c.block.hash);
          }
          finalizedKey = parentKey;
        }
      }
      n.committed = true;
      highestCC = key;
      return out;
    },
    tip(excludeValidatorUpdates = false) {
      let best = node(highestCC);
      const stack = [highestCC];
      while (stack.length > 0) {
        const cur = node(stack.pop() as string);
        if (cur.block.height > best.block.height) best = cur;
        for (const c of cur.children) {
          if (!excludeValidatorUpdates || node(c).block.hasValidatorUpdate !== true) stack.push(c);
        }
      }
      return best.block;
    },
    get: (hash) => nodes.get(bytesToHex(hash))?.block,
    prune(height) {
      const dropped: Uint8Array[] = [];
      for (const [k, n] of nodes) {
        if (n.block.height < height && k !== finalizedKey && k !== highestCC) {
          nodes.delete(k);
          dropped.push(n.block.hash);
        }
      }
      return dropped;
    },
    isCommitted: (hash) => nodes.get(bytesToHex(hash))?.committed === true,
    highestCommitted: () => node(highestCC).block,
    lastFinalized: () => node(finalizedKey).block,
    isFinalized: (hash) => nodes.get(bytesToHex(hash))?.finalized === true,
  };
}
