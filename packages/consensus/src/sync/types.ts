/** Public types of the header-first syncer: what it reads of the engine, its options and its state. */
import type { HeaderForkHeights } from "@theta/core-types";
import type { BlockStore, ChainIndex, Clock, Network } from "../ports.ts";
import type { Penalty } from "./peers.ts";

/** What a block is to the engine: in its chain, found invalid, parked for a missing parent, or unknown. */
export type EngineBlockState = "valid" | "invalid" | "pending" | undefined;

/** The engine as the syncer reads it (`ValidatorEngine.syncView()`); read afresh on every use. */
export interface EngineSyncView {
  readonly tipHeight: bigint;
  readonly tipHash: Uint8Array;
  readonly finalizedHeight: bigint;
  readonly finalizedHash: Uint8Array;
  /** The highest height admitted votes and blocks named. */
  readonly highestSeenHeight: bigint;
  /** The parent of a valid block in memory. */
  parentOf(hash: Uint8Array): Uint8Array | undefined;
  blockState(hash: Uint8Array): EngineBlockState;
}

/** The ports the syncer runs on. */
export interface HeaderSyncDeps {
  readonly clock: Clock;
  readonly network: Network;
  /** Finalized blocks by hash, read to answer inventory requests. */
  readonly store: BlockStore;
  /** The finalized chain by height; without it this node answers no inventory requests. */
  readonly index?: ChainIndex;
  readonly engine: { syncView(): EngineSyncView };
  readonly chainId: string;
  readonly forks: HeaderForkHeights;
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  readonly trace?: (line: string) => void;
}

/** Options; every bound defaults to `limits.ts`. */
export interface HeaderSyncOptions {
  /**
   * `headerFirst` (default): a node more than `shortGap` blocks behind downloads forward; `backward`: the
   * engine's fetch by hash does all of it (the old behaviour, kept for comparisons).
   */
  readonly mode?: "headerFirst" | "backward";
  readonly window?: number;
  readonly batch?: number;
  readonly requestTimeoutMs?: number;
  readonly tickMs?: number;
  readonly inventoryPeriodMs?: number;
  readonly shortGap?: bigint;
}

/** Where the sync stands. */
export interface SyncState {
  /** More than the short gap below the best height peers named. */
  readonly syncing: boolean;
  /** The local tip. */
  readonly currentHeight: bigint;
  /** The best height peers named (never below the tip). */
  readonly targetHeight: bigint;
  /** The tip when the current (or last) sync began. */
  readonly startingHeight: bigint;
}

/** The header-first syncer. */
export interface HeaderSync {
  start(): void;
  stop(): void;
  state(): SyncState;
  /**
   * A block was applied (or finalized): the window may have room, so the next requests go out now (once,
   * after the current task, however often it is called meanwhile) instead of at the next tick.
   */
  poke(): void;
  /** False while header-first sync runs: the engine's backward fetch then leaves the gap to it. */
  backwardFetchAllowed(): boolean;
  /** Blocks requested ahead of the tip and not applied yet (never above the window). */
  held(): number;
  /** Penalties given, oldest first. */
  penalties(): readonly Penalty[];
  /** Requests sent so far: DataRequests and inventory requests, with the peers asked. */
  sent(): { readonly dataRequests: number; readonly inventoryRequests: number; readonly peersAsked: number };
}
