/** Height-dependent parameters read from a profile (docs/ledger.md §4.5, §11; docs/interfaces.md §0). */
import type { ChainProfile, ForkHeights } from "./types.ts";

const E12 = 10n ** 12n;
const E17 = 10n ** 17n;

/** True when the feature keyed by `name` is active for a block at height `h`. */
export function isActive(profile: ChainProfile, name: keyof ForkHeights, h: bigint): boolean {
  return h >= profile.heights[name];
}

/** h % interval == 1 (heights 1, 101, 201, …). */
export function isCheckpoint(profile: ChainProfile, h: bigint): boolean {
  return h % profile.checkpointInterval === 1n;
}

/** Minimum fee of regular transactions (TFuelWei). */
export function minTxFee(profile: ChainProfile, h: bigint): bigint {
  return isActive(profile, "june2021FeeAdjustment", h) ? 3n * E17 : E12;
}

/** Minimum fee of a SendTx with `accounts` = inputs + outputs. */
export function minSendTxFee(profile: ChainProfile, h: bigint, accounts: number): bigint {
  if (!isActive(profile, "june2021FeeAdjustment", h)) return E12;
  const n = BigInt(Math.max(2, accounts));
  return (n * 3n * E17) / 2n;
}

/** Minimum gas price of a SmartContractTx. */
export function minGasPrice(profile: ChainProfile, h: bigint): bigint {
  return isActive(profile, "june2021FeeAdjustment", h) ? 4n * E12 : 10n ** 8n;
}

/** Maximum gas limit of one SmartContractTx. */
export function maxGasLimit(profile: ChainProfile, h: bigint): bigint {
  return isActive(profile, "june2021FeeAdjustment", h) ? 20_000_000n : 10_000_000n;
}

/** Nominal gas of a regular tx, for mempool ordering only. */
export function regularTxGas(profile: ChainProfile, h: bigint): bigint {
  return isActive(profile, "june2021FeeAdjustment", h) ? 80_000n : 10_000n;
}

/** Minimum validator stake deposit (THETA wei). */
export function minValidatorStake(profile: ChainProfile, h: bigint): bigint {
  return (isActive(profile, "validatorStakeChangedTo200K", h) ? 200_000n : 2_000_000n) * 10n ** 18n;
}

/** Minimum guardian stake deposit (THETA wei). */
export function minGuardianStake(profile: ChainProfile, h: bigint): bigint {
  return (isActive(profile, "lowerGNStakeThresholdTo1000", h) ? 1_000n : 10_000n) * 10n ** 18n;
}

/** Maximum contract code size. */
export function maxCodeSize(profile: ChainProfile, h: bigint): number {
  return isActive(profile, "enableMetachainSupport", h) ? 49_152 : 24_576;
}
