/**
 * The chain's progress gauges beside NodeMetrics' (registered on the same registry): the epoch,
 * connected peers, the sync target (the highest height peers' votes and blocks named), blocks
 * behind it, and the distinct votes seen in the current epoch.
 */
import { Gauge, type Registry } from "prom-client";

/** One reading of what the gauges show. */
export interface ChainReading {
  readonly epoch: bigint;
  readonly height: bigint;
  readonly syncTarget: bigint;
  readonly peers: number;
  readonly votesInEpoch: number;
}

/** The gauges. */
export interface ChainGauges {
  set(r: ChainReading): void;
}

/** Registers the gauges on `registry`. */
export function createChainGauges(registry: Registry): ChainGauges {
  const registers = [registry];
  const gauge = (name: string, help: string): Gauge => new Gauge({ name, help, registers });
  const epoch = gauge("theta_epoch", "Current consensus epoch");
  const peers = gauge("theta_peers", "Connected peers");
  const target = gauge("theta_sync_target_height", "Highest block height named by peers' votes and blocks");
  const behind = gauge("theta_blocks_behind", "Blocks between this node's tip and the sync target");
  const votes = gauge("theta_votes_received", "Distinct validator votes seen in the current epoch");
  return {
    set(r) {
      epoch.set(Number(r.epoch));
      peers.set(r.peers);
      target.set(Number(r.syncTarget));
      behind.set(Number(r.syncTarget > r.height ? r.syncTarget - r.height : 0n));
      votes.set(r.votesInEpoch);
    },
  };
}
