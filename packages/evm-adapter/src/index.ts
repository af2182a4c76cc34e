/**
 * The ledger's ContractRuntime port on @ethereumjs/evm with Theta's Petersburg-era rules.
 *
 * @packageDocumentation
 */

export {
  type ContractBlockContext,
  type ContractCall,
  type ContractExecutor,
  type ContractExecutorDeps,
  type ContractReceipt,
  createContractExecutor,
  intrinsicGas,
} from "./execute.ts";
export { createThetaStateManager, type ThetaStateManagerDeps, trimWord } from "./stateManager.ts";
export { thetaVmError } from "./vmError.ts";
export { createMemoryWorldState, EvmAdapterErrorCode, type EvmWorldState } from "./worldState.ts";
