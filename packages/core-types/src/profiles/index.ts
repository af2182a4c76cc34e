export { deriveProfile, mainnet, privatenet } from "./profiles.ts";
export {
  isActive,
  isCheckpoint,
  maxCodeSize,
  maxGasLimit,
  minGasPrice,
  minGuardianStake,
  minSendTxFee,
  minTxFee,
  minValidatorStake,
  regularTxGas,
} from "./rules.ts";
export { type ChainProfile, type ForkHeights, NEVER } from "./types.ts";
