/**
 * The chain's events for the Ethereum API's filters and subscriptions: finalized blocks (read
 * back from the stores once their index entries are written, in height order) and admitted txs.
 * A listener that throws is logged and kept; listeners run after the chain's own work.
 */
import type { StoredBlock } from "../rpc/chainQuery.ts";
import type { ChainEvents, PendingTxEvent } from "../rpc/eth/ethChain.ts";

/** The events plus the composition's side that fires them. */
export interface ChainEventHub extends ChainEvents {
  /** Reads block `hash` through `read` and tells every listener; calls are serialized. */
  finalized(hash: Uint8Array, read: (hash: Uint8Array) => Promise<StoredBlock | undefined>): void;
  pending(tx: PendingTxEvent): void;
}

/** Creates the hub; `onError` receives listener and read failures. */
export function createChainEventHub(onError: (e: unknown) => void): ChainEventHub {
  const finalizedListeners = new Set<(b: StoredBlock) => void>();
  const pendingListeners = new Set<(tx: PendingTxEvent) => void>();
  let tail: Promise<void> = Promise.resolve();
  const each = <T>(set: Set<(v: T) => void>, v: T): void => {
    for (const l of set) {
      try {
        l(v);
      } catch (e) {
        onError(e);
      }
    }
  };
  return {
    onFinalizedBlock(listener) {
      finalizedListeners.add(listener);
      return () => void finalizedListeners.delete(listener);
    },
    onPendingTx(listener) {
      pendingListeners.add(listener);
      return () => void pendingListeners.delete(listener);
    },
    finalized(hash, read) {
      if (finalizedListeners.size === 0) return;
      tail = tail
        .then(async () => {
          const block = await read(hash);
          if (block !== undefined) each(finalizedListeners, block);
        })
        .catch(onError);
    },
    pending: (tx) => each(pendingListeners, tx),
  };
}
