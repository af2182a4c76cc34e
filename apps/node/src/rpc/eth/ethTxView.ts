/**
 * How each Theta transaction appears to Ethereum clients (the node README's table): who sent it,
 * to whom, the TFuel value, the nonce, the gas fields and the signature. A SmartContractTx is
 * what it is; a SendTx is a value transfer of its first output's TFuel; every other type is a
 * zero-value tx from its signer whose input is the raw Theta tx. Fees that are not gas show as
 * `gas` 1 at `gasPrice` = the fee, so `gas × gasPrice` is what the sender paid.
 */
import {
  type Address,
  equalBytes,
  type SmartContractTx,
  type Tx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { txSender } from "@theta/ledger";
import type { BlockTx } from "../chainQuery.ts";
import { isZero } from "../methods/common.ts";
import { bytesToBigInt } from "./ethHex.ts";

/** The Ethereum fields of one Theta tx. */
export interface EthTxView {
  /** The Ethereum tx hash of an Ethereum-signed tx, else the Theta hash. */
  readonly hash: Uint8Array;
  readonly from: Address;
  /** Null for a contract creation. */
  readonly to: Address | null;
  readonly value: bigint;
  readonly nonce: bigint;
  readonly gas: bigint;
  readonly gasPrice: bigint;
  readonly input: Uint8Array;
  readonly v: bigint;
  readonly r: bigint;
  readonly s: bigint;
  /** Gas the tx consumed (a contract's receipt gas; `gas` for the others). */
  readonly gasUsed: bigint;
  /** 1 success, 0 an EVM error (only a SmartContractTx can fail inside a block). */
  readonly status: 0n | 1n;
  /** The created contract of a successful creation. */
  readonly contractAddress: Address | null;
}

interface Signed {
  readonly address: Address;
  readonly sequence: bigint;
  readonly signature: Uint8Array;
}

const UNSIGNED: Signed = { address: ZERO_ADDRESS, sequence: 1n, signature: new Uint8Array(0) };

/** The mempool's sender (the account whose sequence and fee the tx uses); the proposer of a Coinbase or Slash. */
function signerOf(tx: Tx): Signed {
  if (tx.type === TxType.Coinbase || tx.type === TxType.Slash) return tx.proposer;
  return txSender(tx) ?? UNSIGNED;
}

function counterpartyOf(tx: Tx): Address | undefined {
  switch (tx.type) {
    case TxType.Send:
    case TxType.Coinbase:
      return tx.outputs[0]?.address;
    case TxType.Slash:
      return tx.slashedAddress;
    case TxType.ServicePayment:
      return tx.source.address;
    case TxType.DepositStake:
    case TxType.WithdrawStake:
    case TxType.DepositStakeV2:
      return tx.holder.address;
    case TxType.StakeRewardDistribution:
      return tx.beneficiary.address;
    default:
      return undefined;
  }
}

function feeOf(tx: Tx): bigint {
  return "fee" in tx ? tx.fee.tfuelWei : 0n;
}

/** r, s and v of a 65-byte R‖S‖V signature (V 0/1 natively, 27/28 for an Ethereum signature). */
function signatureParts(
  sig: Uint8Array,
  ethChainId: bigint | undefined,
): { v: bigint; r: bigint; s: bigint } {
  if (sig.length !== 65) return { v: 27n, r: 0n, s: 0n };
  const last = BigInt(sig[64]!);
  const recovery = last >= 27n ? last - 27n : last;
  return {
    r: bytesToBigInt(sig.subarray(0, 32)),
    s: bytesToBigInt(sig.subarray(32, 64)),
    v: ethChainId === undefined ? 27n + recovery : ethChainId * 2n + 35n + recovery,
  };
}

function contractView(t: BlockTx, tx: SmartContractTx, evmChainId: bigint): EthTxView {
  const ethSigned = !isZero(t.ethTxHash);
  const creation = equalBytes(tx.to.address, ZERO_ADDRESS);
  const failed = t.receipt !== undefined && t.receipt.evmError !== "";
  return {
    hash: ethSigned ? t.ethTxHash : t.hash,
    from: tx.from.address,
    to: creation ? null : tx.to.address,
    value: tx.from.coins.tfuelWei,
    nonce: tx.from.sequence - 1n,
    gas: tx.gasLimit,
    gasPrice: tx.gasPrice,
    input: tx.data,
    ...signatureParts(tx.from.signature, ethSigned ? evmChainId : undefined),
    gasUsed: t.receipt?.gasUsed ?? 0n,
    status: failed ? 0n : 1n,
    contractAddress: creation && !failed && t.receipt !== undefined ? t.receipt.contractAddress : null,
  };
}

/** The Ethereum view of a stored tx; `evmChainId` is the chain's (for Ethereum-signed txs' `v`). */
export function ethTxView(t: BlockTx, evmChainId: bigint): EthTxView {
  const tx = t.tx;
  if (tx.type === TxType.SmartContract) return contractView(t, tx, evmChainId);
  const signer = signerOf(tx);
  const fee = feeOf(tx);
  const gas = fee === 0n ? 0n : 1n;
  const send = tx.type === TxType.Send;
  return {
    hash: t.hash,
    from: signer.address,
    to: counterpartyOf(tx) ?? signer.address,
    value: send ? (tx.outputs[0]?.coins.tfuelWei ?? 0n) : 0n,
    nonce: signer.sequence > 0n ? signer.sequence - 1n : 0n,
    gas,
    gasPrice: fee,
    input: send ? new Uint8Array(0) : t.raw,
    ...signatureParts(signer.signature, undefined),
    gasUsed: gas,
    status: 1n,
    contractAddress: null,
  };
}
