/**
 * In-memory {@link BlockStore} and {@link VoteStore}: they outlive an engine, so a simulated node that
 * crashes and restarts finds its blocks, its last finalized block and its last vote again.
 */
import { bytesToHex } from "@theta/core-types";
import type { BlockStore, LastVoteRecord, VoteStore } from "../ports.ts";

/** A block store in a Map, with a count of stored blocks for tests. */
export interface MemoryBlockStore extends BlockStore {
  /** Number of stored blocks. */
  size(): number;
}

/** Creates an empty in-memory block store. */
export function createMemoryBlockStore(): MemoryBlockStore {
  const blocks = new Map<string, Uint8Array>();
  let finalized: Uint8Array | undefined;
  return {
    get: async (hash) => blocks.get(bytesToHex(hash)),
    put: async (hash, encoded) => {
      blocks.set(bytesToHex(hash), encoded);
    },
    markFinalized: async (hash) => {
      finalized = hash;
    },
    lastFinalized: async () => finalized,
    size: () => blocks.size,
  };
}

/** Creates an in-memory vote store. */
export function createMemoryVoteStore(): VoteStore {
  let last: LastVoteRecord | undefined;
  return {
    load: async () => last,
    save: async (record) => {
      last = record;
    },
  };
}
