/**
 * The validator engine's local chain: the tree of valid blocks (commit, finalization, fork choice), the
 * blocks found invalid, blocks waiting for a missing parent ("pending", consensus.md §1.5), and the
 * per-block vote index (one vote per voter, the highest epoch; Go's UniqueVoter).
 */
import { type Block, type BlockHeader, bytesToHex, type Vote } from "@theta/core-types";
import { type BlockTree, createBlockTree } from "./blockTree.ts";

/** A valid block known locally. */
export interface ChainEntry {
  /** The block. */
  readonly block: Block;
  /** Its hash. */
  readonly hash: Uint8Array;
  /** It executed a validator stake change. */
  readonly hasValidatorUpdate: boolean;
}

/** A block waiting for its parent. */
export interface PendingBlock {
  /** The block. */
  readonly block: Block;
  /** Its hash. */
  readonly hash: Uint8Array;
}

/** The local chain state. */
export interface Chain {
  /** Commit, finalization and fork choice over the valid blocks. */
  readonly tree: BlockTree;
  /** Hash of the trusted root (genesis or the last finalized block at start). */
  readonly rootHash: Uint8Array;
  /** The valid block with this hash. */
  entry(hash: Uint8Array): ChainEntry | undefined;
  /** The header of a valid block (throws if unknown: callers check first). */
  header(hash: Uint8Array): BlockHeader;
  /** Adds a validated, applied block whose parent is valid. */
  addValid(block: Block, hash: Uint8Array, hasValidatorUpdate: boolean): void;
  /** Remembers an invalid block. */
  markInvalid(hash: Uint8Array): void;
  /** Whether a block was found invalid. */
  isInvalid(hash: Uint8Array): boolean;
  /** Parks a block until its parent is valid. */
  addPending(block: Block, hash: Uint8Array): void;
  /** Whether a block is parked. */
  isPending(hash: Uint8Array): boolean;
  /** A parked block. */
  pendingBlock(hash: Uint8Array): Block | undefined;
  /** Removes and returns the parked children of `parent`. */
  takeChildren(parent: Uint8Array): PendingBlock[];
  /** Parents that parked blocks wait for, in no particular order. */
  missingParents(): Uint8Array[];
  /** Records a vote in the per-block index (keeps the highest epoch per voter). */
  addVote(vote: Vote): void;
  /** The indexed votes for a block, one per voter. */
  votesFor(hash: Uint8Array): Vote[];
  /** The voters (lowercase hex addresses) indexed for a block. */
  votersFor(hash: Uint8Array): Iterable<string>;
  /** Drops pending blocks and vote-index entries at or below `height` (after finalization). */
  prune(height: bigint): void;
}

/** Valid blocks kept in memory below the last finalized one (for HCC walks and serving peers). */
const KEEP_BELOW_FINALIZED = 256n;

/** Creates the chain rooted at a trusted block. */
export function createChain(root: Block, rootHash: Uint8Array): Chain {
  const valid = new Map<string, ChainEntry>();
  const invalid = new Set<string>();
  const pendingByParent = new Map<string, Map<string, PendingBlock>>();
  const pending = new Map<string, Block>();
  const votes = new Map<string, Map<string, Vote>>();
  const voteHeight = new Map<string, bigint>();
  const h = root.header;
  const tree = createBlockTree({ hash: rootHash, parent: h.parent, hcc: h.hcc.blockHash, height: h.height });
  const rootKey = bytesToHex(rootHash);
  valid.set(rootKey, { block: root, hash: rootHash, hasValidatorUpdate: false });
  return {
    tree,
    rootHash,
    entry: (hash) => valid.get(bytesToHex(hash)),
    header(hash) {
      const e = valid.get(bytesToHex(hash));
      if (e === undefined) throw new RangeError(`block ${bytesToHex(hash)} is not in the chain`);
      return e.block.header;
    },
    addValid(block, hash, hasValidatorUpdate) {
      const hd = block.header;
      valid.set(bytesToHex(hash), { block, hash, hasValidatorUpdate });
      tree.add({ hash, parent: hd.parent, hcc: hd.hcc.blockHash, height: hd.height, hasValidatorUpdate });
    },
    markInvalid: (hash) => {
      invalid.add(bytesToHex(hash));
    },
    isInvalid: (hash) => invalid.has(bytesToHex(hash)),
    addPending(block, hash) {
      const key = bytesToHex(hash);
      if (pending.has(key)) return;
      const parentKey = bytesToHex(block.header.parent);
      let m = pendingByParent.get(parentKey);
      if (m === undefined) {
        m = new Map();
        pendingByParent.set(parentKey, m);
      }
      m.set(key, { block, hash });
      pending.set(key, block);
    },
    isPending: (hash) => pending.has(bytesToHex(hash)),
    pendingBlock: (hash) => pending.get(bytesToHex(hash)),
    takeChildren(parent) {
      const key = bytesToHex(parent);
      const m = pendingByParent.get(key);
      if (m === undefined) return [];
      pendingByParent.delete(key);
      for (const k of m.keys()) pending.delete(k);
      return [...m.values()];
    },
    missingParents: () =>
      [...pendingByParent.values()].map((m) => (m.values().next().value as PendingBlock).block.header.parent),
    addVote(vote) {
      const key = bytesToHex(vote.block);
      let m = votes.get(key);
      if (m === undefined) {
        m = new Map();
        votes.set(key, m);
        voteHeight.set(key, vote.height);
      }
      const voter = bytesToHex(vote.id);
      const prev = m.get(voter);
      if (prev === undefined || vote.epoch > prev.epoch) m.set(voter, vote);
    },
    votesFor: (hash) => [...(votes.get(bytesToHex(hash))?.values() ?? [])],
    votersFor: (hash) => votes.get(bytesToHex(hash))?.keys() ?? [],
    prune(height) {
      // Blocks far below the last finalized one are no longer needed in memory (the store keeps them).
      if (height > KEEP_BELOW_FINALIZED) {
        for (const dropped of tree.prune(height - KEEP_BELOW_FINALIZED)) {
          const key = bytesToHex(dropped);
          if (key !== rootKey) valid.delete(key);
        }
      }
      for (const [parentKey, m] of pendingByParent) {
        const first = m.values().next().value as PendingBlock;
        if (first.block.header.height <= height) {
          pendingByParent.delete(parentKey);
          for (const k of m.keys()) pending.delete(k);
        }
      }
      // The vote index keeps votes of the last finalized block and above (the HCC may point there).
      for (const [key, hv] of voteHeight) {
        const e = valid.get(key);
        const ht = e === undefined ? hv : e.block.header.height;
        if (ht < height) {
          votes.delete(key);
          voteHeight.delete(key);
        }
      }
    },
  };
}

/** The chain part of the engine's status. */
export function chainStatus(chain: Chain): {
  height: bigint;
  tipHash: Uint8Array;
  highestCommittedHeight: bigint;
  lastFinalizedHeight: bigint;
  lastFinalizedHash: Uint8Array;
} {
  const tree = chain.tree;
  const tip = tree.tip();
  return {
    height: tip.height,
    tipHash: tip.hash,
    highestCommittedHeight: tree.highestCommitted().height,
    lastFinalizedHeight: tree.lastFinalized().height,
    lastFinalizedHash: tree.lastFinalized().hash,
  };
}
