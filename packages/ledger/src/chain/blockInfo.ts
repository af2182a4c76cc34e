/** What block application needs to know about the block besides its transactions. */
import type { Address } from "@theta/core-types";
import type { BlockRewardInfo } from "../rewards/blockInfo.ts";

/** The block being applied or proposed (height H; its parent is at H − 1). */
export interface BlockInfo {
  readonly height: bigint;
  /** This block's timestamp (Unix seconds). */
  readonly timestamp: bigint;
  /** The parent's timestamp: the EVM's TIMESTAMP. */
  readonly parentTimestamp: bigint;
  readonly proposer: Address;
  /**
   * The validator set and the header's aggregated votes: what a CoinbaseTx is checked against
   * and built from. Without it a block carrying a CoinbaseTx is invalid and a proposal has none.
   */
  readonly rewards?: BlockRewardInfo;
}
