/**
 * What an operator sees of the running chain beyond heights: the chain gauges (epoch, peers, sync
 * target, blocks behind, votes this epoch) and the stall warning, both refreshed once per block
 * interval on the node's clock.
 */
import type { Clock, Executor, Network, TimerHandle, ValidatorEngine } from "@theta/consensus";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { createChainGauges } from "../metrics/chainGauges.ts";
import { createStallWatch } from "./stallWatch.ts";
import type { VoteObserver } from "./voteObserver.ts";

export { createVoteObserver } from "./voteObserver.ts";

/** What the refresh reads. */
export interface VisibleStateDeps {
  readonly clock: Clock;
  readonly metrics: { readonly registry: Registry };
  readonly log: Pick<Logger, "warn" | "error">;
  /** Read once started (`start` after the engine's). */
  readonly engine: Pick<ValidatorEngine, "status">;
  readonly executor: Pick<Executor, "validatorsFor">;
  readonly network: Pick<Network, "peers">;
  readonly votes: VoteObserver;
}

/** The refresh loop. */
export interface VisibleState {
  /** One refresh now (what each tick does). */
  refresh(): Promise<void>;
  start(): void;
  stop(): void;
}

/** Creates the loop; `stallWarningBlocks` 0 turns the stall warning off (default 5). */
export function createVisibleState(
  deps: VisibleStateDeps,
  opts: { readonly blockIntervalMs: number; readonly stallWarningBlocks?: number },
): VisibleState {
  const stallBlocks = opts.stallWarningBlocks ?? 5;
  const gauges = createChainGauges(deps.metrics.registry);
  const period = Math.max(1, opts.blockIntervalMs);
  const stall =
    stallBlocks > 0
      ? createStallWatch(
          {
            now: () => deps.clock.now(),
            status: () => deps.engine.status(),
            validators: (tip) => deps.executor.validatorsFor(tip),
            votersAt: (h) => deps.votes.votersAt(h),
            warn: (fields, message) => deps.log.warn(fields, message),
          },
          { stallMs: period * stallBlocks, repeatMs: period * stallBlocks },
        )
      : undefined;
  let timer: TimerHandle | undefined;
  let stopped = false;
  const refresh = async (): Promise<void> => {
    const s = deps.engine.status();
    gauges.set({
      epoch: s.epoch,
      height: s.height,
      syncTarget: s.highestSeenHeight,
      peers: deps.network.peers().length,
      votesInEpoch: deps.votes.votesInEpoch(s.epoch),
    });
    await stall?.check();
  };
  const tick = (): void => {
    if (stopped) return;
    refresh()
      .catch((e: unknown) => deps.log.error({ err: e }, "refreshing the chain gauges failed"))
      .finally(() => {
        if (!stopped) timer = deps.clock.setTimer(period, tick);
      });
  };
  return {
    refresh,
    start() {
      stopped = false;
      timer = deps.clock.setTimer(period, tick);
    },
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
