/** The two built-in profiles, deeply frozen. */
import { MAINNET_HEADER_FORKS } from "../block/forks.ts";
import { type ChainProfile, type ForkHeights, NEVER } from "./types.ts";

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === "object" && v !== null) deepFreeze(v);
  return Object.freeze(o);
}

const MAINNET_HEIGHTS: ForkHeights = {
  enableValidatorReward: 4_164_982n,
  enableTheta2: 5_877_350n,
  lowerGNStakeThresholdTo1000: 8_411_427n,
  enableSmartContract: 8_411_427n,
  sampleStakingReward: 9_497_418n,
  june2021FeeAdjustment: 10_709_540n,
  enableTheta3: 10_968_061n,
  rpcCompatibility: 11_354_820n,
  txWrapperExtension: 12_749_952n,
  supportThetaTokenInSmartContract: 13_123_789n,
  validatorStakeChangedTo200K: 14_526_120n,
  supportWrappedTheta: 17_285_755n,
  enableMetachainSupport: 17_790_756n,
};

/** The reference's mainnet: master's fork heights and fee schedule, slashing as the reference (off). */
export const mainnet: ChainProfile = deepFreeze({
  name: "mainnet",
  chainId: "mainnet",
  heights: MAINNET_HEIGHTS,
  headerForks: MAINNET_HEADER_FORKS,
  checkpointInterval: 100n,
  blockIntervalMs: 6000,
  maxEpochLengthMs: 12_000,
  maxTxsPerBlock: 512,
  maxValidatorCount: 31,
  returnLockingPeriod: 28_800n,
  slashingEnabled: false,
  genesisHash: "0xd8836c6cf3c3ccea0b015b4ed0f9efb0ffe6254db793a515843c9d0f68cbab65",
});

/**
 * A local chain: every feature on from height 0 except the June-2021 fee adjustment (pre-2021
 * fees: minimum gas price 1e8, minimum tx fee 1e12 TFuelWei), so the classic walkthrough works as
 * written; slashing on; 2-second blocks. The header layout switches at height 1, so genesis keeps
 * the 12-field layout that Theta's own privatenet snapshot uses.
 */
export const privatenet: ChainProfile = deepFreeze({
  name: "privatenet",
  chainId: "privatenet",
  heights: {
    ...Object.fromEntries(Object.keys(MAINNET_HEIGHTS).map((k) => [k, 0n])),
    june2021FeeAdjustment: NEVER,
  } as unknown as ForkHeights,
  headerForks: { theta2Height: 1n, theta3Height: 1n },
  checkpointInterval: 100n,
  blockIntervalMs: 2000,
  maxEpochLengthMs: 4000,
  maxTxsPerBlock: 512,
  maxValidatorCount: 31,
  returnLockingPeriod: 28_800n,
  slashingEnabled: true,
});

/** A profile for another chain id, based on `base` (a custom private chain). */
export function deriveProfile(
  base: ChainProfile,
  changes: Partial<ChainProfile> & { name: string; chainId: string },
): ChainProfile {
  return deepFreeze({ ...base, ...changes });
}
