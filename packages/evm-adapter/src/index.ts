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
export { createStateCache, type StateCache } from "./stateCache.ts";
export { isPrecompileAddress, PRECOMPILE_IDS, THETA_TRANSFER_ID } from "./thetaPrecompiles.ts";
export { thetaVmError } from "./vmError.ts";
