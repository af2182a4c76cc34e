/**
 * SmartContractTx execution on @ethereumjs/evm (Petersburg rules) over an {@link EvmWorldState}:
 * intrinsic gas, the EVM run, the TFuel fee on gas used, and the receipt. Refunds are never
 * applied. Dry runs work on a checkpoint that is always reverted.
 */
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { createEVM, type EVM } from "@ethereumjs/evm";
import { createAddressFromString, Address as EvmAddress } from "@ethereumjs/util";
import { type Account, type Address, equalBytes, newAccount, ZERO_ADDRESS } from "@theta/core-types";
import { createThetaStateManager } from "./stateManager.ts";
import { thetaVmError } from "./vmError.ts";
import type { EvmWorldState } from "./worldState.ts";

/** The contract call of a SmartContractTx; `to` absent or the zero address means a creation. */
export interface ContractCall {
  readonly from: Address;
  readonly to?: Address;
  /** TFuel wei moved with the call. */
  readonly value: bigint;
  readonly gasLimit: bigint;
  readonly gasPrice: bigint;
  readonly data: Uint8Array;
}

/** Block context: NUMBER = `height`, TIMESTAMP = the parent's timestamp. */
export interface ContractBlockContext {
  readonly height: bigint;
  readonly parentTimestamp: bigint;
  readonly proposer: Address;
  readonly chainId: bigint;
}

/** What the EVM run produced; `vmError` is "" on success. */
export interface ContractReceipt {
  readonly contractAddress: Address;
  readonly gasUsed: bigint;
  readonly fee: bigint;
  readonly logs: readonly { address: Address; topics: readonly Uint8Array[]; data: Uint8Array }[];
  readonly vmError: string;
  readonly returnValue: Uint8Array;
}

/** Dependencies of {@link createContractExecutor}. */
export interface ContractExecutorDeps {
  readonly state: EvmWorldState;
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  /** The profile's maximum gas limit; above it the result is "invalid gas limit" with no gas used. */
  readonly maxGasLimit?: bigint;
}

/** Runs contract calls against one world state. */
export interface ContractExecutor {
  /** Executes and keeps the result (fee and sequence bump even when the EVM failed). */
  execute(call: ContractCall, block: ContractBlockContext): Promise<ContractReceipt>;
  /** The same execution on a checkpoint that is reverted afterwards: no state written. */
  dryRun(call: ContractCall, block: ContractBlockContext): Promise<ContractReceipt>;
}

/** Pre-Istanbul intrinsic gas: 53000 create / 21000 call, 68 per non-zero and 4 per zero byte. */
export function intrinsicGas(data: Uint8Array, isCreate: boolean): bigint {
  let gas = isCreate ? 53000n : 21000n;
  for (const b of data) gas += b === 0 ? 4n : 68n;
  return gas;
}

function isCreation(call: ContractCall): boolean {
  return call.to === undefined || equalBytes(call.to, ZERO_ADDRESS);
}

/** Builds an executor; one EVM instance per chain id is created lazily and reused. */
export function createContractExecutor(deps: ContractExecutorDeps): ContractExecutor {
  const { state } = deps;
  const stateManager = createThetaStateManager(deps);
  const evms = new Map<bigint, Promise<EVM>>();
  const evmFor = (chainId: bigint): Promise<EVM> => {
    let evm = evms.get(chainId);
    if (evm === undefined) {
      const common = new Common({
        chain: { ...Mainnet, chainId: Number(chainId) },
        hardfork: Hardfork.Petersburg,
      });
      evm = createEVM({ common, stateManager });
      evms.set(chainId, evm);
    }
    return evm;
  };

  async function run(call: ContractCall, block: ContractBlockContext): Promise<ContractReceipt> {
    const create = isCreation(call);
    const intrinsic = intrinsicGas(call.data, create);
    const target = create ? ZERO_ADDRESS : (call.to as Address);
    if (deps.maxGasLimit !== undefined && call.gasLimit > deps.maxGasLimit) {
      return {
        contractAddress: target,
        gasUsed: 0n,
        fee: 0n,
        logs: [],
        vmError: "invalid gas limit",
        returnValue: new Uint8Array(0),
      };
    }
    if (intrinsic > call.gasLimit) {
      if (!create) {
        // A call still bumps the sender's sequence; a creation aborted here does not (§7.2 quirk).
        const from = state.getAccount(call.from) ?? newAccount(call.from.slice());
        state.putAccount({ ...from, sequence: from.sequence + 1n });
      }
      return {
        contractAddress: target,
        gasUsed: 0n,
        fee: 0n,
        logs: [],
        vmError: "out of gas",
        returnValue: new Uint8Array(0),
      };
    }
    const evm = await evmFor(block.chainId);
    const coinbase = new EvmAddress(block.proposer.slice());
    const result = await evm.runCall({
      caller: new EvmAddress(call.from.slice()),
      origin: new EvmAddress(call.from.slice()),
      ...(create ? {} : { to: new EvmAddress(target.slice()) }),
      value: call.value,
      data: call.data,
      gasLimit: call.gasLimit - intrinsic,
      gasPrice: call.gasPrice,
      block: {
        header: {
          number: block.height,
          coinbase,
          timestamp: block.parentTimestamp,
          difficulty: 0n,
          prevRandao: new Uint8Array(32),
          gasLimit: call.gasLimit,
          getBlobGasPrice: () => undefined,
        },
      },
    });
    stateManager.originalStorageCache.clear();
    const exec = result.execResult;
    const failed = exec.exceptionError !== undefined;
    const gasUsed = intrinsic + exec.executionGasUsed;
    const fee = gasUsed * call.gasPrice;
    const from: Account = state.getAccount(call.from) ?? newAccount(call.from.slice());
    state.putAccount({ ...from, balance: { ...from.balance, tfuelWei: from.balance.tfuelWei - fee } });
    if (!failed) {
      // Self-destructed contracts take the sentinel code hash (the EVM already moved their TFuel).
      for (const addr of exec.selfdestruct?.keys() ?? []) {
        await stateManager.deleteAccount(createAddressFromString(addr));
      }
    }
    const created = result.createdAddress?.bytes;
    if (created !== undefined && !failed) {
      // Theta's contracts start at sequence 0 where Ethereum's (EIP-161) start at 1.
      const acc = state.getAccount(created);
      if (acc !== undefined && acc.sequence > 0n) state.putAccount({ ...acc, sequence: acc.sequence - 1n });
    }
    return {
      contractAddress: created ?? target,
      gasUsed,
      fee,
      logs: failed ? [] : (exec.logs ?? []).map(([address, topics, data]) => ({ address, topics, data })),
      vmError: failed ? thetaVmError(exec.exceptionError?.error ?? "") : "",
      returnValue:
        create && !failed
          ? (state.getCode(state.getAccount(created ?? target)?.codeHash ?? new Uint8Array(32)) ??
            exec.returnValue)
          : exec.returnValue,
    };
  }

  return {
    execute: run,
    dryRun: async (call, block) => {
      state.checkpoint();
      try {
        return await run(call, block);
      } finally {
        state.revert();
      }
    },
  };
}
