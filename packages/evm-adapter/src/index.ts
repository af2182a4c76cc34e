/**
 * The ledger's ContractRuntime port on @ethereumjs/evm with Theta's Petersburg-era rules.
 *
 * @packageDocumentation
 */
export { createThetaStateManager, type ThetaStateManagerDeps, trimWord } from "./stateManager.ts";
export { createMemoryWorldState, EvmAdapterErrorCode, type EvmWorldState } from "./worldState.ts";
