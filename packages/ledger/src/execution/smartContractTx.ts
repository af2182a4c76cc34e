/**
 * SmartContractTx (docs/ledger.md §5.8, docs/interfaces.md §7.3): the sanity checks in the reference's
 * order, then the EVM run through the `ContractRuntime` port, the fee on gas used and the
 * sequence rule (the EVM bumps a creator's sequence; the executor bumps a caller's).
 */
import {
  type Address,
  Coin,
  type Coins,
  equalBytes,
  ethSigningPreimage,
  ethTxEncoding,
  type Hash,
  isActive,
  mapChainId,
  maxGasLimit,
  minGasPrice,
  type SmartContractTx,
  ThetaError,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { verifyTxSignature } from "@theta/crypto";
import type { ContractCall, ContractLog } from "../ports.ts";
import { getInput } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { acceptedWrappers } from "./inputs.ts";
import { ExecCode, type ExecFailure, type ExecResult, execFail } from "./resultCodes.ts";

/** Errors of misconfiguration (not protocol outcomes): delivering a contract tx without its ports. */
export const SmartContractErrorCode = {
  NoRuntime: "LEDGER_NO_CONTRACT_RUNTIME",
  NoBlockInfo: "LEDGER_NO_BLOCK_INFO",
} as const;

/** The receipt of a delivered SmartContractTx (logs empty when the EVM errored). */
export interface TxReceipt {
  readonly logs: readonly ContractLog[];
  /** Return data (for a create: the deployed runtime code). */
  readonly evmReturn: Uint8Array;
  /** The created contract, or the callee of a call. */
  readonly contractAddress: Address;
  readonly gasUsed: bigint;
  /** "" on success, else the EVM's error text. */
  readonly vmError: string;
}

/** An execution outcome that may carry a receipt (SmartContractTx in deliver mode). */
export type TxExecResult =
  | { readonly ok: true; readonly receipt?: TxReceipt }
  | { readonly ok: false; readonly failure: ExecFailure };

const GAS_TX = 21_000n;
const GAS_CREATE = 53_000n;
const GAS_ZERO_BYTE = 4n;
const GAS_NON_ZERO_BYTE = 68n;

/** Pre-Istanbul intrinsic gas: 53000 (create) or 21000 (call), 68 per non-zero and 4 per zero data byte. */
export function contractIntrinsicGas(data: Uint8Array, isCreate: boolean): bigint {
  let gas = isCreate ? GAS_CREATE : GAS_TX;
  for (const b of data) gas += b === 0 ? GAS_ZERO_BYTE : GAS_NON_ZERO_BYTE;
  return gas;
}

/** True when the tx deploys a contract (`to` is the zero address). */
export function isContractCreation(tx: SmartContractTx): boolean {
  return equalBytes(tx.to.address, ZERO_ADDRESS);
}

/** The port-level call of a SmartContractTx at height `height`. */
export function contractCallOf(
  ctx: Pick<ExecContext, "profile" | "height">,
  tx: SmartContractTx,
): ContractCall {
  const thetaInEvm = isActive(ctx.profile, "supportThetaTokenInSmartContract", ctx.height);
  return {
    from: tx.from.address,
    to: isContractCreation(tx) ? undefined : tx.to.address,
    value: tx.from.coins.tfuelWei,
    thetaValue: thetaInEvm ? tx.from.coins.thetaWei : 0n,
    gasLimit: tx.gasLimit,
    gasPrice: tx.gasPrice,
    data: tx.data,
  };
}

function evmChainIdOf(ctx: Pick<ExecContext, "profile" | "height" | "crypto">): bigint {
  const { profile, height, crypto } = ctx;
  const heights = {
    rpcCompatibility: profile.heights.rpcCompatibility,
    metachain: profile.heights.enableMetachainSupport,
  };
  return mapChainId(profile.chainId, height, heights, crypto.keccak256);
}

const nativelySigned = (ctx: ExecContext, tx: SmartContractTx): boolean =>
  verifyTxSignature(
    ctx.crypto,
    ctx.profile.chainId,
    tx,
    tx.from.signature,
    tx.from.address,
    acceptedWrappers(ctx),
  ) !== undefined;

/**
 * The Ethereum tx hash (docs/ledger.md §3.6 item 3) of a SmartContractTx that passed its checks with an
 * Ethereum signature; undefined when it is natively signed. The node indexes it as an alias.
 */
export function ethTxHashOf(ctx: ExecContext, tx: SmartContractTx): Hash | undefined {
  if (!isActive(ctx.profile, "rpcCompatibility", ctx.height) || nativelySigned(ctx, tx)) return undefined;
  return ctx.crypto.keccak256(ethTxEncoding(tx, evmChainIdOf(ctx)));
}

/** The signer of `tx.from.signature` read as an Ethereum (EIP-155) signature (docs/ledger.md §3.7), if any. */
export function ethSignerOf(
  ctx: Pick<ExecContext, "profile" | "height" | "crypto">,
  tx: SmartContractTx,
): Address | undefined {
  const hash = ctx.crypto.keccak256(ethSigningPreimage(tx, evmChainIdOf(ctx)));
  return ctx.crypto.recoverEthAddress(hash, tx.from.signature);
}

function checkSignature(ctx: ExecContext, tx: SmartContractTx): ExecResult | undefined {
  const { profile, height } = ctx;
  if (nativelySigned(ctx, tx)) return undefined;
  if (!isActive(profile, "rpcCompatibility", height)) {
    return execFail(
      ExecCode.InvalidSignature,
      "smart_contract.from.signature: does not verify over the sign bytes",
    );
  }
  if (tx.from.coins.thetaWei !== 0n) {
    return execFail(
      ExecCode.Generic,
      "smart_contract.from.coins: THETA cannot be sent with an Ethereum-signed transaction",
    );
  }
  const signer = ethSignerOf(ctx, tx);
  if (signer === undefined || !equalBytes(signer, tx.from.address)) {
    return execFail(
      ExecCode.InvalidSignature,
      "smart_contract.from.signature: verifies neither over the sign bytes nor as an Ethereum signature",
    );
  }
  return undefined;
}

/** The docs/ledger.md §5.8 sanity checks, in order; no state is written. */
export async function checkSmartContractTx(ctx: ExecContext, tx: SmartContractTx): Promise<ExecResult> {
  if (!Coin.isValid(tx.from.coins)) {
    return execFail(ExecCode.Generic, "smart_contract.from.coins: expected non-negative amounts");
  }
  const bad = checkSignature(ctx, tx);
  if (bad !== undefined) return bad;
  const from = await getInput(ctx.state, tx.from.address, ctx.height);
  if (from === undefined) {
    return execFail(
      ExecCode.Generic,
      "smart_contract.from: failed to get the account (the address has no THETA nor TFuel)",
    );
  }
  if (tx.from.sequence !== from.sequence + 1n) {
    return execFail(
      ExecCode.InvalidSequence,
      `smart_contract.from.sequence: expected ${from.sequence + 1n}, got ${tx.from.sequence}`,
    );
  }
  if (!Coin.isGTE(from.balance, tx.from.coins)) {
    return execFail(ExecCode.InsufficientFund, "smart_contract.from.coins: exceed the account balance");
  }
  if (!Coin.isValid(tx.from.coins)) {
    return execFail(ExecCode.InvalidValueToTransfer, "smart_contract.from.coins: invalid value to transfer");
  }
  const minPrice = minGasPrice(ctx.profile, ctx.height);
  if (tx.gasPrice < minPrice) {
    return execFail(
      ExecCode.InvalidGasPrice,
      `smart_contract.gas_price: expected at least ${minPrice} TFuelWei, got ${tx.gasPrice}`,
    );
  }
  const maxLimit = maxGasLimit(ctx.profile, ctx.height);
  if (tx.gasLimit > maxLimit) {
    return execFail(
      ExecCode.InvalidGasLimit,
      `smart_contract.gas_limit: expected at most ${maxLimit}, got ${tx.gasLimit}`,
    );
  }
  if (isActive(ctx.profile, "supportWrappedTheta", ctx.height)) {
    const intrinsic = contractIntrinsicGas(tx.data, isContractCreation(tx));
    if (intrinsic > tx.gasLimit) {
      return execFail(
        ExecCode.InvalidGasLimit,
        `smart_contract.gas_limit: ${tx.gasLimit} is below the intrinsic gas ${intrinsic} (out of gas)`,
      );
    }
  }
  const feeLimit = tx.gasPrice * tx.gasLimit;
  if (feeLimit.toString(2).length > 255) {
    return execFail(ExecCode.FeeLimitTooHigh, "smart_contract: gas_price × gas_limit exceeds 255 bits");
  }
  const thetaInEvm = isActive(ctx.profile, "supportThetaTokenInSmartContract", ctx.height);
  const required: Coins = {
    thetaWei: thetaInEvm ? tx.from.coins.thetaWei : 0n,
    tfuelWei: feeLimit + tx.from.coins.tfuelWei,
  };
  if (!Coin.isGTE(from.balance, required)) {
    return execFail(
      ExecCode.InsufficientFund,
      `smart_contract.from: balance below the value plus the fee limit (${required.thetaWei} THETA wei, ${required.tfuelWei} TFuel wei)`,
    );
  }
  return { ok: true };
}

/**
 * Checks a SmartContractTx and, in deliver mode, runs it through `ctx.runtime`, charges
 * `gasPrice × gasUsed`, bumps the sequence of a call, and returns the receipt. An EVM error
 * does not fail the tx. Throws a ThetaError when delivering without `ctx.runtime` or `ctx.block`.
 */
export async function executeSmartContractTx(ctx: ExecContext, tx: SmartContractTx): Promise<TxExecResult> {
  const sane = await checkSmartContractTx(ctx, tx);
  if (!sane.ok || ctx.mode === ExecMode.Check) return sane;
  if (ctx.runtime === undefined) {
    throw new ThetaError(
      SmartContractErrorCode.NoRuntime,
      "ctx.runtime: a ContractRuntime is required to deliver a SmartContractTx",
    );
  }
  if (ctx.block === undefined) {
    throw new ThetaError(
      SmartContractErrorCode.NoBlockInfo,
      "ctx.block: the parent timestamp and proposer are required to deliver a SmartContractTx",
    );
  }
  const run = await ctx.runtime.run(ctx.state, contractCallOf(ctx, tx), {
    height: ctx.height,
    parentTimestamp: ctx.block.parentTimestamp,
    proposer: ctx.block.proposer,
    chainId: ctx.profile.chainId,
  });
  const from = await getInput(ctx.state, tx.from.address, ctx.height);
  if (from === undefined)
    return execFail(ExecCode.Generic, "smart_contract.from: account vanished during the run");
  const fee = tx.gasPrice * run.gasUsed;
  if (from.balance.tfuelWei < fee) {
    return execFail(ExecCode.Generic, `smart_contract: failed to charge the fee of ${fee} TFuel wei`);
  }
  await ctx.state.setAccount({
    ...from,
    balance: { thetaWei: from.balance.thetaWei, tfuelWei: from.balance.tfuelWei - fee },
    sequence: isContractCreation(tx) ? from.sequence : from.sequence + 1n,
  });
  const receipt: TxReceipt = {
    logs: run.vmError === "" ? run.logs : [],
    evmReturn: run.returnValue,
    contractAddress: run.contractAddress,
    gasUsed: run.gasUsed,
    vmError: run.vmError,
  };
  return { ok: true, receipt };
}
