/**
 * Header-first block sync for the node (`@theta/consensus`'s syncer, docs/consensus.md §5.3): it answers
 * peers' inventory requests from the finalized chain in the block store, and while the node is more than a
 * few blocks behind it downloads forward in a bounded window, leaving short gaps to the engine's backward
 * fetch. While syncing, a progress line is logged every few seconds (height, target, blocks/s, ETA), and
 * the engine status the RPC and the gauges read names the sync target as its highest seen height.
 */
import {
  type Clock,
  createHeaderSync,
  type EngineStatus,
  type HeaderSyncOptions,
  type Network,
  type SyncState,
  type ValidatorEngine,
} from "@theta/consensus";
import type { ChainProfile } from "@theta/core-types";
import type { Logger } from "pino";
import type { ChainBlockStore } from "../store/blockStore.ts";
import { consensusBlockStore } from "../store/consensusBlockStore.ts";

/** How often the progress line is logged while syncing, ms. */
export const SYNC_PROGRESS_MS = 5_000;

/** What the node's syncer runs on. */
export interface NodeSyncDeps {
  readonly clock: Clock;
  readonly network: Network;
  readonly blocks: ChainBlockStore;
  readonly engine: ValidatorEngine;
  readonly profile: Pick<ChainProfile, "chainId" | "headerForks">;
  readonly crypto: { keccak256(data: Uint8Array): Uint8Array };
  readonly log: Pick<Logger, "info" | "debug">;
}

/** The node's syncer. */
export interface NodeSync {
  start(): void;
  stop(): void;
  state(): SyncState;
  /** The engine's status with the sync target as its highest seen height. */
  status(): EngineStatus;
  /** Passed to the engine as `backwardFetch`. */
  backwardFetchAllowed(): boolean;
}

/** One progress reading: blocks/s since the last one and the ETA at that rate (undefined when stalled). */
export function progressLine(
  prev: { readonly height: bigint; readonly at: number },
  now: { readonly height: bigint; readonly at: number; readonly target: bigint },
): { height: string; target: string; blocksPerSecond: number; etaSeconds: number | undefined } {
  const seconds = Math.max(0.001, (now.at - prev.at) / 1000);
  const rate = Number(now.height - prev.height) / seconds;
  const left = Number(now.target > now.height ? now.target - now.height : 0n);
  return {
    height: now.height.toString(),
    target: now.target.toString(),
    blocksPerSecond: Math.round(rate * 10) / 10,
    etaSeconds: rate > 0 ? Math.ceil(left / rate) : undefined,
  };
}

/** Creates the syncer over the node's block store and network; `opts.mode: "backward"` keeps the old fetch. */
export function createNodeSync(
  deps: NodeSyncDeps,
  mode: HeaderSyncOptions["mode"] = "headerFirst",
): NodeSync {
  const { blocks, engine, clock } = deps;
  const forks = deps.profile.headerForks;
  const sync = createHeaderSync(
    {
      clock,
      network: deps.network,
      store: consensusBlockStore(blocks, forks),
      index: { hashAtHeight: (h) => blocks.finalizedAt(h) },
      engine,
      chainId: deps.profile.chainId,
      forks,
      keccak256: (d) => deps.crypto.keccak256(d),
      trace: (line) => deps.log.debug({}, line),
    },
    { mode },
  );
  let timer: { cancel(): void } | undefined;
  let unfollow: (() => void) | undefined;
  let last: { height: bigint; at: number } | undefined;
  const report = (): void => {
    const s = sync.state();
    const now = { height: s.currentHeight, at: clock.now(), target: s.targetHeight };
    // `held`: blocks asked for or arrived and not applied (a full window means the engine is the bottleneck).
    if (s.syncing && last !== undefined)
      deps.log.info({ ...progressLine(last, now), held: sync.held() }, "sync progress");
    last = s.syncing ? now : undefined;
    timer = clock.setTimer(SYNC_PROGRESS_MS, report);
  };
  return {
    start() {
      sync.start();
      // Every finalized block moved the tip: the syncer refills its window at once, not at its next tick.
      unfollow = engine.onFinalized(() => sync.poke());
      timer = clock.setTimer(SYNC_PROGRESS_MS, report);
    },
    stop() {
      sync.stop();
      unfollow?.();
      timer?.cancel();
    },
    state: () => sync.state(),
    status() {
      const s = engine.status();
      const target = sync.state().targetHeight;
      return target > s.highestSeenHeight ? { ...s, highestSeenHeight: target } : s;
    },
    backwardFetchAllowed: () => sync.backwardFetchAllowed(),
  };
}
