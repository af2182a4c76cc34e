/**
 * Which bodies to ask for next (docs/consensus.md §5.3): the queued heights of the window not yet asked
 * for, received or valid, each given to the least-loaded usable peer that announced it, while that peer has
 * fewer than {@link SYNC_PER_PEER_IN_FLIGHT} hashes outstanding. A scan cursor remembers how far every height
 * is already covered, so a pump after each applied block looks only at the new heights.
 */
import type { PeerId } from "../ports.ts";
import type { HeaderQueue } from "./headerQueue.ts";
import type { InFlight } from "./inFlight.ts";
import { SYNC_PER_PEER_IN_FLIGHT } from "./limits.ts";
import type { SyncPeers } from "./peers.ts";
import type { EngineBlockState } from "./types.ts";

/** One body to ask for. */
export interface PlannedBody {
  readonly hash: Uint8Array;
  readonly height: bigint;
}

/** The bodies to ask each peer for, and the lowest height not covered after them. */
export interface RequestPlan {
  readonly byPeer: Map<PeerId, PlannedBody[]>;
  /** Every height in `(tip, coveredTo)` is asked for, received or valid once the plan is sent. */
  readonly coveredTo: bigint;
}

/** Plans the requests for heights `from..last` (`from` above the tip). */
export function planRequests(ctx: {
  readonly queue: HeaderQueue;
  readonly flight: InFlight;
  readonly peers: SyncPeers;
  readonly usable: ReadonlySet<PeerId>;
  readonly blockState: (hash: Uint8Array) => EngineBlockState;
  readonly from: bigint;
  readonly last: bigint;
}): RequestPlan {
  const byPeer = new Map<PeerId, PlannedBody[]>();
  let coveredTo = ctx.from;
  let contiguous = true;
  for (let h = ctx.from; h <= ctx.last; h++) {
    const q = ctx.queue.at(h);
    if (q === undefined) break;
    if (ctx.flight.tracks(q.hash) || ctx.blockState(q.hash) !== undefined) {
      if (contiguous) coveredTo = h + 1n;
      continue;
    }
    let best: PeerId | undefined;
    let bestLoad = SYNC_PER_PEER_IN_FLIGHT;
    for (const p of q.announcers) {
      if (!ctx.usable.has(p)) continue;
      const load = ctx.peers.inFlight(p) + (byPeer.get(p)?.length ?? 0);
      if (load < bestLoad) {
        best = p;
        bestLoad = load;
      }
    }
    if (best === undefined) {
      contiguous = false;
      continue;
    }
    let plan = byPeer.get(best);
    if (plan === undefined) {
      plan = [];
      byPeer.set(best, plan);
    }
    plan.push({ hash: q.hash, height: h });
    if (contiguous) coveredTo = h + 1n;
  }
  return { byPeer, coveredTo };
}
