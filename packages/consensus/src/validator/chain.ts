/**
 * The validator engine's local chain: the tree of valid blocks (commit, finalization, fork choice), the
 * blocks found invalid (the most recently seen {@link MAX_INVALID_HASHES}), blocks waiting for a missing
 * parent ("pending", docs/consensus.md §1.5; bounded in `parkedBlocks.ts`), and the per-block vote index (one
 * vote per voter, the highest epoch; Go's UniqueVoter; bounded in `voteIndex.ts`).
 */
import { type Block, type BlockHeader, bytesToHex, type Vote } from "@theta/core-types";
import { type BlockTree, createBlockTree } from "./blockTree.ts";
import {
  MAX_INVALID_HASHES,
  MAX_PARKED_BLOCKS,
  MAX_PARKED_BYTES,
  MAX_VOTED_UNKNOWN_BLOCKS,
} from "./limits.ts";
import { createParkedBlocks, type PendingBlock } from "./parkedBlocks.ts";
import { createVoteIndex } from "./voteIndex.ts";

export type { PendingBlock } from "./parkedBlocks.ts";

/** A valid block known locally. */
export interface ChainEntry {
  /** The block. */
  readonly block: Block;
  /** Its hash. */
  readonly hash: Uint8Array;
  /** It executed a validator stake change. */
  readonly hasValidatorUpdate: boolean;
  /**
   * Its txs left memory when it was finalized (`block.txs` is empty): the block store has them. Only
   * headers are needed below the finalized tip, and a block of thousands of txs weighs megabytes decoded.
   */
  readonly bodyInStore?: true;
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
  /** Remembers an invalid block (the least recently seen one is forgotten beyond the limit). */
  markInvalid(hash: Uint8Array): void;
  /** Whether a block was found invalid (and is still remembered). */
  isInvalid(hash: Uint8Array): boolean;
  /**
   * Parks a block of `bytes` encoded bytes until its parent is valid; false if it was not kept (the
   * parked blocks are full and it is the farthest ahead).
   */
  addPending(block: Block, hash: Uint8Array, bytes: number): boolean;
  /** Whether a block is parked. */
  isPending(hash: Uint8Array): boolean;
  /** A parked block. */
  pendingBlock(hash: Uint8Array): Block | undefined;
  /** Removes and returns the parked children of `parent`. */
  takeChildren(parent: Uint8Array): PendingBlock[];
  /** Parents that parked blocks wait for, in no particular order. */
  missingParents(): Uint8Array[];
  /** Records a vote in the per-block index (keeps the highest epoch per voter); `height`: its block's. */
  addVote(vote: Vote, height: bigint): void;
  /** The indexed votes for a block, one per voter. */
  votesFor(hash: Uint8Array): Vote[];
  /** The voters (lowercase hex addresses) indexed for a block. */
  votersFor(hash: Uint8Array): Iterable<string>;
  /** Drops the txs of a finalized block from memory (its entry keeps the header; the store has them). */
  dropBody(hash: Uint8Array): void;
  /** Drops pending blocks and vote-index entries at or below `height` (after finalization). */
  prune(height: bigint): void;
  /** What the bounded parts hold: invalid hashes, parked blocks and bytes, blocks with indexed votes. */
  sizes(): { invalid: number; parked: number; parkedBytes: number; votedBlocks: number };
}

/** Valid blocks kept in memory below the last finalized one (for HCC walks and serving peers). */
const KEEP_BELOW_FINALIZED = 256n;

/** Creates the chain rooted at a trusted block. */
export function createChain(root: Block, rootHash: Uint8Array): Chain {
  const valid = new Map<string, ChainEntry>();
  /** Invalid hashes, the least recently seen first. */
  const invalid = new Set<string>();
  const parked = createParkedBlocks({ maxBlocks: MAX_PARKED_BLOCKS, maxBytes: MAX_PARKED_BYTES });
  const votes = createVoteIndex((key) => valid.has(key), MAX_VOTED_UNKNOWN_BLOCKS);
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
    dropBody(hash) {
      const key = bytesToHex(hash);
      const e = valid.get(key);
      if (e === undefined || e.bodyInStore) return;
      valid.set(key, { ...e, block: { header: e.block.header, txs: [] }, bodyInStore: true });
    },
    markInvalid(hash) {
      const key = bytesToHex(hash);
      invalid.delete(key);
      invalid.add(key);
      if (invalid.size > MAX_INVALID_HASHES) invalid.delete(invalid.values().next().value as string);
    },
    isInvalid(hash) {
      const key = bytesToHex(hash);
      if (!invalid.has(key)) return false;
      invalid.delete(key); // seen again: now the most recent
      invalid.add(key);
      return true;
    },
    addPending: (block, hash, bytes) => parked.add(block, hash, bytes),
    isPending: (hash) => parked.has(hash),
    pendingBlock: (hash) => parked.get(hash),
    takeChildren: (parent) => parked.takeChildren(parent),
    missingParents: () => parked.missingParents(),
    addVote: (vote, height) => votes.add(vote, height),
    votesFor: (hash) => votes.votesFor(hash),
    votersFor: (hash) => votes.votersFor(hash),
    prune(height) {
      // Blocks far below the last finalized one are no longer needed in memory (the store keeps them).
      if (height > KEEP_BELOW_FINALIZED) {
        for (const dropped of tree.prune(height - KEEP_BELOW_FINALIZED)) {
          const key = bytesToHex(dropped);
          if (key !== rootKey) valid.delete(key);
        }
      }
      parked.pruneAtOrBelow(height);
      // The vote index keeps votes of the last finalized block and above (the HCC may point there).
      votes.pruneBelow(height, (key) => valid.get(key)?.block.header.height);
    },
    sizes: () => ({
      invalid: invalid.size,
      parked: parked.size(),
      parkedBytes: parked.bytes(),
      votedBlocks: votes.blocks(),
    }),
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
