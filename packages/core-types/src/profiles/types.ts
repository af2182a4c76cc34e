/**
 * Chain profiles: every chain parameter as frozen data, passed in, never chosen at import time
 * docs/decisions.md §2).
 */
import type { HeaderForkHeights } from "../block/forks.ts";

/** Fork heights of common/heights.go; a rule applies when the block height H ≥ the value. */
export interface ForkHeights {
  readonly enableValidatorReward: bigint;
  readonly enableTheta2: bigint;
  readonly lowerGNStakeThresholdTo1000: bigint;
  readonly enableSmartContract: bigint;
  readonly sampleStakingReward: bigint;
  readonly june2021FeeAdjustment: bigint;
  readonly enableTheta3: bigint;
  readonly rpcCompatibility: bigint;
  readonly txWrapperExtension: bigint;
  readonly supportThetaTokenInSmartContract: bigint;
  readonly validatorStakeChangedTo200K: bigint;
  readonly supportWrappedTheta: bigint;
  readonly enableMetachainSupport: bigint;
}

/** A chain's parameters as frozen data: its id, fork heights, fees, limits and block timing. */
export interface ChainProfile {
  readonly name: string;
  readonly chainId: string;
  readonly heights: ForkHeights;
  /** Header layout (fields 12/13); may differ from `heights` so a chain can keep Theta's genesis layout. */
  readonly headerForks: HeaderForkHeights;
  /** A checkpoint is a height h with h % interval == 1. */
  readonly checkpointInterval: bigint;
  readonly blockIntervalMs: number;
  readonly maxEpochLengthMs: number;
  /** Regular (non-coinbase) transactions per block. */
  readonly maxTxsPerBlock: number;
  readonly maxValidatorCount: number;
  readonly returnLockingPeriod: bigint;
  /** docs/decisions.md §8: an overspent pool is slashed through a SlashTx (the designed behaviour). */
  readonly slashingEnabled: boolean;
  /** The block hash of the chain's genesis, when it is fixed (mainnet). */
  readonly genesisHash?: string;
}

/** A height that never comes: a feature that is off for the whole chain. */
export const NEVER = 2n ** 64n - 1n;
