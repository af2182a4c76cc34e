/**
 * The timed part of the load generator: workers submit pre-signed txs over
 * `theta.BroadcastRawTransactionAsync`, one per request or in JSON-RPC batches (at most `concurrency` requests and `window` submitted but
 * unfinalized txs at a time) while a poller follows finalized blocks (GetStatus, then
 * GetBlockByHeight for each new height) and times every tx from its submission to the poll
 * that saw it finalized.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { SignedLoadTx } from "./loadAccounts.ts";
import type { LoadRpcClient } from "./loadRpc.ts";

/** Options of {@link runLoad}. */
export interface LoadRunOpts {
  readonly seconds: number;
  readonly concurrency: number;
  readonly window: number;
  /** Txs per request: 1 sends single calls, more sends JSON-RPC batches of that many (default 1). */
  readonly batch?: number;
  /** How long to keep following blocks after the window for the txs still pending (ms). */
  readonly drainMs?: number;
  /** Pause between finalized-height polls (ms). */
  readonly pollMs?: number;
}

/** What a run measured. */
export interface LoadRunResult {
  readonly submitted: number;
  readonly rejected: number;
  readonly rejectSample: string | undefined;
  readonly finalizedInWindow: number;
  readonly latenciesMs: number[];
  readonly unfinalized: number;
  /** Tx counts of the blocks finalized from the start of the window to the end of the drain. */
  readonly blockSizes: number[];
}

interface Status {
  readonly latest_finalized_block_height: string;
}
interface BlockJson {
  readonly transactions?: ReadonlyArray<{ readonly hash: string }> | null;
}

/** Submits `txs` in order for `opts.seconds` and follows their finalization. */
export async function runLoad(
  rpc: LoadRpcClient,
  txs: readonly SignedLoadTx[],
  opts: LoadRunOpts,
): Promise<LoadRunResult> {
  const pending = new Map<string, number>();
  const latenciesMs: number[] = [];
  const blockSizes: number[] = [];
  let next = 0;
  let submitted = 0;
  let rejected = 0;
  let rejectSample: string | undefined;
  let finalizedInWindow = 0;
  let inFlight = 0;

  const status = await rpc.call<Status>("theta.GetStatus", {});
  if (status.result === undefined) throw new Error(`theta.GetStatus: ${status.error?.message}`);
  let height = BigInt(status.result.latest_finalized_block_height);
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  const batch = Math.max(1, opts.batch ?? 1);
  let stopPolling = false;

  const worker = async (): Promise<void> => {
    while (performance.now() < end && next < txs.length) {
      if (pending.size + inFlight >= opts.window) {
        await sleep(5);
        continue;
      }
      const n = Math.min(batch, opts.window - pending.size - inFlight, txs.length - next);
      const chunk = txs.slice(next, next + n);
      next += n;
      inFlight += n;
      const sent = performance.now();
      const method = "theta.BroadcastRawTransactionAsync";
      const replies =
        batch === 1
          ? [await rpc.call<{ hash: string }>(method, { tx_bytes: chunk[0]!.hex })]
          : await rpc.batch<{ hash: string }>(
              method,
              chunk.map((tx) => ({ tx_bytes: tx.hex })),
            );
      inFlight -= n;
      for (const r of replies) {
        if (r?.result !== undefined) {
          pending.set(r.result.hash.toLowerCase(), sent);
          submitted++;
        } else {
          rejected++;
          rejectSample ??= r?.error?.message ?? "no reply";
        }
      }
    }
  };

  const poller = async (): Promise<void> => {
    while (!stopPolling) {
      const s = await rpc.call<Status>("theta.GetStatus", {});
      const fin = BigInt(s.result?.latest_finalized_block_height ?? height);
      for (let h = height + 1n; h <= fin; h++) {
        const b = await rpc.call<BlockJson>("theta.GetBlockByHeight", { height: h.toString() });
        const seen = performance.now();
        const list = b.result?.transactions ?? [];
        blockSizes.push(list.length);
        for (const t of list) {
          const sent = pending.get(t.hash.toLowerCase());
          if (sent === undefined) continue;
          pending.delete(t.hash.toLowerCase());
          latenciesMs.push(seen - sent);
          if (seen <= end) finalizedInWindow++;
        }
      }
      height = fin > height ? fin : height;
      await sleep(opts.pollMs ?? 50);
    }
  };

  const polling = poller();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const drainEnd = performance.now() + (opts.drainMs ?? 15_000);
  while (pending.size > 0 && performance.now() < drainEnd) await sleep(50);
  stopPolling = true;
  await polling;
  return {
    submitted,
    rejected,
    rejectSample,
    finalizedInWindow,
    latenciesMs,
    unfinalized: pending.size,
    blockSizes,
  };
}
