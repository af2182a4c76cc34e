/**
 * The ledger's `ContractRuntime` on @ethereumjs/evm (docs/ledger.md §5.8 process step 1,
 * docs/interfaces.md §7): the EVM part of a SmartContractTx on any `StateView`. One run uses one
 * write-back cache; at the end it is flushed to the view, and after an EVM error it holds only what
 * Theta keeps (a creator's sequence bump). The ledger charges the fee and bumps a caller's sequence.
 */
import type { EVMRunCallOpts } from "@ethereumjs/evm";
import { Address as EvmAddress } from "@ethereumjs/util";
import {
  type Address,
  type ChainProfile,
  equalBytes,
  isActive,
  mapChainId,
  maxGasLimit,
  minGuardianStake,
  newAccount,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { contractAddress, createCrypto, type ThetaCrypto } from "@theta/crypto";
import type {
  ContractBlockContext,
  ContractCall,
  ContractRunResult,
  ContractRuntime,
  StateView,
} from "@theta/ledger";
import { contractIntrinsicGas as intrinsicGas } from "@theta/ledger";
import { createStateCache, type StateCache } from "./stateCache.ts";
import { createThetaEvm, type ThetaEvm, type ThetaEvmVariant } from "./thetaEvm.ts";
import { thetaVmError } from "./vmError.ts";

/** Dependencies of {@link createContractRuntime}. */
export interface ContractRuntimeDeps {
  /** keccak256 (contract addresses, code hashes, the SHA3 opcode). */
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  /**
   * Checks the holder signature of the BLS summaries given to the staking precompiles 0xcc/0xce;
   * the default is `createCrypto()` (the noble backend).
   */
  readonly crypto?: ThetaCrypto;
}

/** Options of {@link createContractRuntime}. */
export interface ContractRuntimeOpts {
  /** Fork heights (chain id mapping, THETA value, code size) and the maximum gas limit. */
  readonly profile: ChainProfile;
}

const EMPTY = new Uint8Array(0);

/** Builds the runtime; EVM instances are created on demand and reused (one run each at a time). */
export function createContractRuntime(deps: ContractRuntimeDeps, opts: ContractRuntimeOpts): ContractRuntime {
  const { profile } = opts;
  const crypto = deps.crypto ?? createCrypto();
  const idle = new Map<string, ThetaEvm[]>();
  const keyOf = (v: ThetaEvmVariant) => `${v.metachain}/${v.istanbulBn256}`;
  const acquire = async (v: ThetaEvmVariant): Promise<ThetaEvm> =>
    idle.get(keyOf(v))?.pop() ?? createThetaEvm(deps.keccak256, v);
  const release = (v: ThetaEvmVariant, evm: ThetaEvm): void => {
    const list = idle.get(keyOf(v)) ?? [];
    list.push(evm);
    idle.set(keyOf(v), list);
  };

  async function run(
    state: StateView,
    call: ContractCall,
    block: ContractBlockContext,
  ): Promise<ContractRunResult> {
    const h = block.height;
    const create = call.to === undefined || equalBytes(call.to, ZERO_ADDRESS);
    const to = create ? ZERO_ADDRESS : (call.to as Address);
    const early = (vmError: string, gasUsed: bigint, contract: Address): ContractRunResult => ({
      returnValue: EMPTY,
      contractAddress: contract,
      gasUsed,
      vmError,
      logs: [],
    });
    if (call.gasLimit > maxGasLimit(profile, h)) return early("invalid gas limit", 0n, ZERO_ADDRESS);
    const intrinsic = intrinsicGas(call.data, create);
    if (intrinsic > call.gasLimit) return early("out of gas", 0n, ZERO_ADDRESS);

    const supportTheta = isActive(profile, "supportThetaTokenInSmartContract", h);
    const thetaValue = supportTheta ? call.thetaValue : 0n;
    const cache = createStateCache(state);
    const sender = (await cache.getAccount(call.from)) ?? newAccount(call.from.slice());
    // Go's Create/Call give all gas back on these checks (the nonce of a creator is not bumped).
    if (sender.balance.tfuelWei < call.value)
      return early("insufficient balance for transfer", intrinsic, to);
    if (sender.balance.thetaWei < thetaValue) {
      return early("insufficient Theta balance for transfer", intrinsic, to);
    }
    if (thetaValue > 0n) {
      cache.checkpoint();
      const target = create ? contractAddress(call.from, sender.sequence, deps.keccak256) : to;
      await moveTheta(cache, call.from, target, thetaValue);
    }

    const variant: ThetaEvmVariant = {
      metachain: isActive(profile, "enableMetachainSupport", h),
      istanbulBn256: isActive(profile, "june2021FeeAdjustment", h),
    };
    const instance = await acquire(variant);
    instance.begin({
      cache,
      supportTheta,
      staking: isActive(profile, "supportWrappedTheta", h)
        ? {
            minGuardianStake: minGuardianStake(profile, h),
            returnHeight: h - 1n + profile.returnLockingPeriod,
            crypto,
          }
        : undefined,
      chainId: mapChainId(
        block.chainId,
        h,
        {
          rpcCompatibility: profile.heights.rpcCompatibility,
          metachain: profile.heights.enableMetachainSupport,
        },
        deps.keccak256,
      ),
    });
    let result: Awaited<ReturnType<ThetaEvm["evm"]["runCall"]>>;
    let topInitSucceeded: boolean;
    try {
      const caller = new EvmAddress(call.from.slice());
      result = await instance.evm.runCall({
        caller,
        origin: caller,
        ...(create ? {} : { to: new EvmAddress(to.slice()) }),
        value: call.value,
        data: call.data,
        gasLimit: call.gasLimit - intrinsic,
        gasPrice: call.gasPrice,
        skipNonceIncrement: !create,
        block: blockFor(block, call.gasLimit),
      });
      topInitSucceeded = instance.topInitSucceeded;
    } finally {
      instance.end();
      release(variant, instance);
    }

    const exec = result.execResult;
    const error = exec.exceptionError?.error;
    const gasUsed = intrinsic + exec.executionGasUsed;
    if (thetaValue > 0n) {
      if (error === undefined) cache.commit();
      else {
        cache.revert();
        // The creator's sequence bump happened before the frame and survives the revert.
        if (create) cache.putAccount({ ...sender, sequence: sender.sequence + 1n });
      }
    }
    await cache.flush();
    const created = result.createdAddress?.bytes;
    if (error !== undefined) {
      const vmError =
        create && error === "out of gas" && topInitSucceeded
          ? "contract creation code storage out of gas"
          : thetaVmError(error);
      const contract = create
        ? error === "create collision"
          ? ZERO_ADDRESS
          : (created ?? ZERO_ADDRESS)
        : to;
      return { returnValue: exec.returnValue, contractAddress: contract, gasUsed, vmError, logs: [] };
    }
    return {
      returnValue: exec.returnValue,
      contractAddress: create ? (created ?? ZERO_ADDRESS) : to,
      gasUsed,
      vmError: "",
      logs: (exec.logs ?? []).map(([address, topics, data]) => ({ address, topics, data })),
    };
  }

  return { run };
}

async function moveTheta(cache: StateCache, from: Address, to: Address, amount: bigint): Promise<void> {
  const src = (await cache.getAccount(from)) ?? newAccount(from.slice());
  cache.putAccount({ ...src, balance: { ...src.balance, thetaWei: src.balance.thetaWei - amount } });
  const dst = (await cache.getAccount(to)) ?? newAccount(to.slice());
  cache.putAccount({ ...dst, balance: { ...dst.balance, thetaWei: dst.balance.thetaWei + amount } });
}

/** The block the EVM sees: NUMBER = height, TIMESTAMP = parent timestamp, GASLIMIT = tx gas limit. */
function blockFor(block: ContractBlockContext, gasLimit: bigint): NonNullable<EVMRunCallOpts["block"]> {
  return {
    header: {
      number: block.height,
      coinbase: new EvmAddress(block.proposer.slice()),
      timestamp: block.parentTimestamp,
      difficulty: 0n,
      prevRandao: new Uint8Array(32),
      gasLimit,
      getBlobGasPrice: () => undefined,
    },
  } as unknown as NonNullable<EVMRunCallOpts["block"]>;
}
