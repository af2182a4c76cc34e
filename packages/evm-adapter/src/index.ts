/**
 * The ledger's ContractRuntime port on @ethereumjs/evm with Theta's Constantinople-era rules.
 *
 * @packageDocumentation
 */

/** The pre-Istanbul intrinsic gas of a call or creation: the ledger's one function, re-exported. */
export { contractIntrinsicGas as intrinsicGas } from "@theta/ledger";
export { EvmAdapterErrorCode } from "./errors.ts";
export { type JournaledEntry, JournaledMap } from "./journaledMap.ts";
export { type ContractRuntimeDeps, type ContractRuntimeOpts, createContractRuntime } from "./runtime.ts";
export {
  INVALID_STAKE_OPERATION,
  STAKE_TO_EEN_ID,
  STAKE_TO_GUARDIAN_ID,
  STAKING_PRECOMPILE_GAS,
  STAKING_PRECOMPILE_IDS,
  UNSTAKE_FROM_EEN_ID,
  UNSTAKE_FROM_GUARDIAN_ID,
} from "./stakingPrecompiles.ts";
export { createStateCache, type StateCache } from "./stateCache.ts";
export { isPrecompileAddress, PRECOMPILE_IDS, THETA_TRANSFER_ID } from "./thetaPrecompiles.ts";
export { thetaVmError } from "./vmError.ts";
