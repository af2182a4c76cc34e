/**
 * `theta.CallSmartContract`'s dry run (docs/interfaces.md §7.4): a contract call on a copy of the
 * state, without the checks a real SmartContractTx goes through, and nothing kept.
 */
import {
  type ChainProfile,
  err,
  isActive,
  maxGasLimit,
  ok,
  type Result,
  type SmartContractTx,
  ZERO_ADDRESS,
} from "@theta/core-types";
import type { ContractRunResult, ContractRuntime } from "../ports.ts";
import type { StateView } from "../state/stateView.ts";
import type { ExecBlockInfo } from "./context.ts";
import { contractCallOf } from "./smartContractTx.ts";

/** Codes of a refused dry run (the RPC maps them to JSON-RPC errors). */
export const DryRunErrorCode = {
  NotEnabled: "LEDGER_CONTRACTS_NOT_ENABLED",
} as const;

/** What a dry run needs: the state to copy, the rules, the EVM and the hypothetical block. */
export interface DryRunEnv {
  readonly state: StateView;
  readonly profile: ChainProfile;
  /** The height of the block the call is simulated in (latest applied height + 1). */
  readonly height: bigint;
  readonly runtime: ContractRuntime;
  readonly block: ExecBlockInfo;
}

/**
 * `theta.CallSmartContract` (docs/interfaces.md §7.4): runs the call on a copy of `env.state` with no
 * signature, sequence, balance-for-fee or gas-price checks, and discards the copy. A gas limit
 * above the maximum comes back as vm_error "invalid gas limit" with gas used 0 and the zero
 * address (the reference returns before any address exists); only a height before the
 * SmartContract fork is refused.
 */
export async function dryRunContract(
  env: DryRunEnv,
  tx: SmartContractTx,
): Promise<Result<ContractRunResult, typeof DryRunErrorCode.NotEnabled>> {
  if (!isActive(env.profile, "enableSmartContract", env.height)) {
    return err(
      DryRunErrorCode.NotEnabled,
      `smart contracts: not enabled at height ${env.height} (from ${env.profile.heights.enableSmartContract})`,
    );
  }
  const call = contractCallOf(env, tx);
  if (tx.gasLimit > maxGasLimit(env.profile, env.height)) {
    return ok({
      returnValue: new Uint8Array(0),
      contractAddress: ZERO_ADDRESS,
      gasUsed: 0n,
      vmError: "invalid gas limit",
      logs: [],
    });
  }
  const scratch = await env.state.copy();
  return ok(
    await env.runtime.run(scratch, call, {
      height: env.height,
      parentTimestamp: env.block.parentTimestamp,
      proposer: env.block.proposer,
      chainId: env.profile.chainId,
    }),
  );
}
