/**
 * The mempool's interface and the shapes it takes and returns: dependencies, limits, admission
 * results and pending/dropped entries (the implementation is `createMempool` in mempool.ts).
 */
import type { Account, Address, ChainProfile, Hash, Tx } from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import type { TxScreener } from "../chain/screener.ts";
import type { ExecCode } from "../execution/resultCodes.ts";
import type { MempoolErrorCode } from "./errors.ts";
import type { PendingStatus } from "./txPool.ts";

/** What the mempool needs of the ledger: screening sessions (see `Ledger.openScreener`). */
export interface MempoolLedger {
  /** A screening session on the state at `root` for txs of block `height`. */
  openScreener(root: Hash, height: bigint): Promise<TxScreener>;
}

/** Dependencies of a mempool. */
export interface MempoolDeps {
  readonly ledger: MempoolLedger;
  readonly profile: ChainProfile;
  readonly crypto: ThetaCrypto;
}

/** Options of a mempool: the state it starts on and its limits. */
export interface MempoolOpts {
  /** State root and height of the latest applied block. */
  readonly root: Hash;
  readonly height: bigint;
  /** Most pending txs (default 25,600). */
  readonly maxTxs?: number;
  /** Most bytes of pending raw txs (default 64 MiB). */
  readonly maxBytes?: number;
  /**
   * Blocks a tx may stay pending (default: one minute of blocks at `blockIntervalMs`, the
   * reference's expiry).
   */
  readonly maxAgeBlocks?: number;
  /**
   * The block interval the chain runs at, in milliseconds (default: the profile's). A node configured
   * with another interval than its profile's passes it, or the minute is counted in the wrong blocks.
   */
  readonly blockIntervalMs?: number;
  /** Most txs of one sender waiting for a sequence gap to fill (default 16). */
  readonly maxWaitingPerSender?: number;
}

/** The outcome of `add`. */
export type AddTxResult =
  | { readonly ok: true; readonly txHash: Hash; readonly status: PendingStatus }
  | {
      readonly ok: false;
      readonly txHash: Hash;
      readonly code: MempoolErrorCode;
      readonly message: string;
      /** For `Invalid`: the ledger's numeric code. */
      readonly execCode?: ExecCode;
    };

/** A pending tx as `pending()` lists it. */
export interface PendingTx {
  readonly txHash: Hash;
  readonly raw: Uint8Array;
  readonly tx: Tx;
  readonly status: PendingStatus;
}

/** A tx the re-check after a block dropped, with the reason. */
export interface DroppedPendingTx {
  readonly txHash: Hash;
  readonly reason: string;
}

/** The mempool. */
export interface Mempool {
  /** Screens and admits a raw tx. */
  add(raw: Uint8Array): Promise<AddTxResult>;
  /**
   * After a block: removes its txs, moves to the new state and re-checks every remaining tx
   * (dropping the invalid and the expired). Returns what was dropped.
   */
  update(committedTxHashes: readonly Hash[], newRoot: Hash, newHeight: bigint): Promise<DroppedPendingTx[]>;
  /**
   * Up to `max` ready raw txs for a proposal, best first; nothing is removed. Synchronous: call
   * it after the pending `update` has resolved, or it sees the pool half re-checked.
   */
  reap(max: number): Uint8Array[];
  /** Every pending tx, in arrival order. */
  pending(): PendingTx[];
  /** Whether a tx with this hash is in the pool. */
  has(txHash: Hash): boolean;
  /**
   * The pool's own array holding the bytes of `raw` (hashed and decoded at admission, its signature
   * checked), else `raw` itself: a block from a peer carries copies of txs this node already admitted.
   */
  pooledRaw(raw: Uint8Array): Uint8Array;
  /**
   * An account as the next block would find it if it held every pending tx (the screened view:
   * a contract tx counts at its worst case, value plus gas price × gas limit).
   */
  screenedAccount(address: Address): Promise<Account | undefined>;
  readonly size: number;
  readonly bytes: number;
}
