/** What block application needs to know about the block besides its transactions. */
import type { Address, AggregatedEenVotes, AggregatedVotes } from "@theta/core-types";

/** The block being applied or proposed (height H; its parent is at H − 1). */
export interface BlockInfo {
  readonly height: bigint;
  /** This block's timestamp (Unix seconds). */
  readonly timestamp: bigint;
  /** The parent's timestamp: the EVM's TIMESTAMP. */
  readonly parentTimestamp: bigint;
  readonly proposer: Address;
  /** The header's guardian aggregate, for the coinbase rewards (checkpoint blocks only). */
  readonly guardianVotes?: AggregatedVotes;
  /** The header's elite-edge-node aggregate, for the coinbase rewards. */
  readonly eliteEdgeNodeVotes?: AggregatedEenVotes;
}
