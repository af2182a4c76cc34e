/**
 * What follows each finalized block besides the index: the executor forgets its applied entries, the live
 * chain (broadcast waiters, mempool) moves on, the node's metrics and the guardian finality are updated.
 */
import type { ChainExecutor } from "@theta/chain";
import type { FinalizedBlock, ValidatorEngine } from "@theta/consensus";
import type { Hash } from "@theta/core-types";
import type { Mempool } from "@theta/ledger";
import type { Logger } from "pino";
import type { NodeMetrics } from "../metrics/nodeMetrics.ts";
import { createRateWindow } from "../metrics/rateWindow.ts";
import type { LiveChain } from "./liveChain.ts";

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
}): (f: FinalizedBlock) => void {
  const txRate = createRateWindow();
  return (f) => {
    const txHashes = f.block.txs.map((raw) => deps.crypto.txHash(raw));
    deps.executor.forget(f.hash);
    deps.live.finalized(f.block.header, txHashes, f.hash);
    const now = Date.now();
    deps.metrics.finalizedHeight.set(Number(f.height));
    deps.metrics.height.set(Number(deps.engine.status().height));
    deps.metrics.mempoolSize.set(deps.mempool.size);
    deps.metrics.txFinalized.inc(txHashes.length);
    deps.metrics.txPerSecond.set(txRate.add(now, txHashes.length));
    deps.log.debug({ height: f.height.toString(), txs: txHashes.length }, "block finalized");
    deps.guardianFinality.current();
  };
}
