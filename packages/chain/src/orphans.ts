/**
 * Applied blocks that are not finalized yet, so that the txs of a losing branch go back to the mempool.
 * Applying a block takes its txs out of the mempool; if another block at that height is finalized
 * instead, those txs would be in no mempool any more (every node that applied the losing block lost
 * them), and their senders' later txs would wait for a sequence that never comes.
 */

/** An applied block that a finalized one at its height or above has left off the chain. */
export interface OrphanedBlock {
  /** Its hash, hex. */
  readonly key: string;
  readonly txs: readonly Uint8Array[];
}

/** The applied, not yet finalized blocks. */
export interface UnfinalizedBlocks {
  /** Block `key` at `height` was applied. */
  applied(key: string, height: bigint, txs: readonly Uint8Array[]): void;
  /**
   * Block `key` was finalized (the engine reports every finalized block, oldest first): every other
   * applied block at or below its height is off the chain. Returns those, forgotten from here on.
   */
  finalized(key: string): OrphanedBlock[];
}

/** Creates the record. */
export function createUnfinalizedBlocks(): UnfinalizedBlocks {
  const blocks = new Map<string, { readonly height: bigint; readonly txs: readonly Uint8Array[] }>();
  return {
    applied(key, height, txs) {
      blocks.set(key, { height, txs });
    },
    finalized(key) {
      const own = blocks.get(key);
      if (own === undefined) return [];
      blocks.delete(key);
      const orphans: OrphanedBlock[] = [];
      for (const [k, b] of blocks) {
        if (b.height > own.height) continue;
        blocks.delete(k);
        orphans.push({ key: k, txs: b.txs });
      }
      return orphans;
    },
  };
}
