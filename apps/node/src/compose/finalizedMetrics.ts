/**
 * What follows each finalized block besides the index: the executor forgets its applied entries, the live
 * chain (broadcast waiters, mempool) moves on, the node's metrics and the guardian finality are updated.
 * Each finalized block is logged (debug), except while the node syncs: then one line at most every
 * {@link SYNC_FINALIZED_LOG_MS} names the last height and the blocks finalized since the previous line
 * (a synchronous log write per block cost 2–3% of a catching-up node's time; the sync progress line
 * reports the rate).
 */
import type { ChainExecutor } from "@theta/chain";
import type { FinalizedBlock, ValidatorEngine } from "@theta/consensus";
import type { Hash } from "@theta/core-types";
import type { Mempool } from "@theta/ledger";
import type { Logger } from "pino";
import type { NodeMetrics } from "../metrics/nodeMetrics.ts";
import { createRateWindow } from "../metrics/rateWindow.ts";
import type { LiveChain } from "./liveChain.ts";

/** While syncing, a finalized-blocks line at most this often, ms. */
export const SYNC_FINALIZED_LOG_MS = 1_000;

/** The `onFinalized` callback over these parts. */
export function finalizedMetrics(deps: {
  readonly crypto: { txHash(raw: Uint8Array): Hash };
  readonly executor: Pick<ChainExecutor, "forget">;
  readonly live: Pick<LiveChain, "finalized">;
  readonly mempool: Pick<Mempool, "size">;
  readonly engine: Pick<ValidatorEngine, "status">;
  readonly metrics: NodeMetrics;
  readonly log: Pick<Logger, "debug">;
  readonly guardianFinality: { current(): unknown };
  /** Whether the node is catching up (header-first sync); absent: never. */
  readonly syncing?: () => boolean;
  /** Milliseconds now (default `Date.now`). */
  readonly now?: () => number;
}): (f: FinalizedBlock) => void {
  const txRate = createRateWindow();
  const clock = deps.now ?? Date.now;
  let lastLineAt = Number.NEGATIVE_INFINITY;
  let unlogged = 0;
  const logFinalized = (f: FinalizedBlock, txs: number, now: number): void => {
    if (deps.syncing?.() !== true) {
      unlogged = 0;
      deps.log.debug({ height: f.height.toString(), txs }, "block finalized");
      return;
    }
    unlogged++;
    if (now - lastLineAt < SYNC_FINALIZED_LOG_MS) return;
    deps.log.debug({ height: f.height.toString(), blocks: unlogged }, "blocks finalized while syncing");
    lastLineAt = now;
    unlogged = 0;
  };
  return (f) => {
    const txHashes = f.block.txs.map((raw) => deps.crypto.txHash(raw));
    deps.executor.forget(f.hash);
    deps.live.finalized(f.block.header, txHashes, f.hash);
    const now = clock();
    deps.metrics.finalizedHeight.set(Number(f.height));
    deps.metrics.height.set(Number(deps.engine.status().height));
    deps.metrics.mempoolSize.set(deps.mempool.size);
    deps.metrics.txFinalized.inc(txHashes.length);
    deps.metrics.txPerSecond.set(txRate.add(now, txHashes.length));
    logFinalized(f, txHashes.length, now);
    deps.guardianFinality.current();
  };
}
