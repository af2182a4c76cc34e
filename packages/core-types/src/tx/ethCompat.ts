/**
 * Ethereum compatibility of SmartContractTx (docs/ledger.md §3.7): chain-id mapping, the EIP-155
 * signing pre-image, the legacy Ethereum tx encoding and its conversion to a Theta tx.
 * Hashing is passed in (`keccak256`) so this package stays free of a hash implementation.
 */
import { equalBytes } from "../bytes.ts";
import { ThetaError } from "../errors.ts";
import { ADDRESS_LENGTH, ZERO_ADDRESS } from "../ledger/primitives.ts";
import * as rlp from "../rlp/index.ts";
import type { SmartContractTx } from "./types.ts";

/** Stable codes of the Ethereum-compatibility decoding errors. */
export const EthCompatErrorCode = {
  InvalidEthTx: "ETH_TX_INVALID",
} as const;

const BASE_CHAIN_IDS: Readonly<Record<string, bigint>> = {
  mainnet: 1n,
  testnet_sapphire: 3n,
  testnet_amber: 4n,
  testnet: 5n,
  privatenet: 6n,
};

/** Heights that change the mapping: RPC compatibility (+360) and Metachain (`tsubNNNN`). */
export interface ChainIdHeights {
  readonly rpcCompatibility: bigint;
  readonly metachain: bigint;
}

/** The EVM chain id of a Theta chain id string at block height `height`. */
export function mapChainId(
  chainId: string,
  height: bigint,
  heights: ChainIdHeights,
  keccak256: (b: Uint8Array) => Uint8Array,
): bigint {
  let base = BASE_CHAIN_IDS[chainId];
  if (base === undefined) {
    let v = 0n;
    for (const b of keccak256(new TextEncoder().encode(chainId))) v = (v << 8n) | BigInt(b);
    base = v;
  }
  if (height < heights.rpcCompatibility) return base;
  if (height >= heights.metachain) {
    const m = /^tsub([1-9][0-9]*)$/.exec(chainId);
    if (m) {
      const n = BigInt(m[1]!);
      if (n >= 1000n && n <= 2n ** 63n - 1n) return n;
    }
  }
  return base + 360n;
}

function toField(tx: SmartContractTx): Uint8Array {
  return equalBytes(tx.to.address, ZERO_ADDRESS) ? new Uint8Array(0) : tx.to.address;
}

/** RLP([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0]) with nonce = sequence − 1. */
export function ethSigningPreimage(tx: SmartContractTx, evmChainId: bigint): Uint8Array {
  return rlp.rlpEncode([
    rlp.encodeUint(tx.from.sequence - 1n),
    rlp.encodeUint(tx.gasPrice),
    rlp.encodeUint(tx.gasLimit),
    toField(tx),
    rlp.encodeUint(tx.from.coins.tfuelWei),
    tx.data,
    rlp.encodeUint(evmChainId),
    new Uint8Array(0),
    new Uint8Array(0),
  ]);
}

/**
 * The legacy Ethereum encoding of an ETH-signed SmartContractTx (its hash is the ETH tx hash):
 * v = chainId·2 + 35 + recid, with the stored signature R‖S‖(27+recid).
 */
export function ethTxEncoding(tx: SmartContractTx, evmChainId: bigint): Uint8Array {
  const sig = tx.from.signature;
  const recid = BigInt(sig[64]! - 27);
  const trim = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length && b[i] === 0) i++;
    return b.subarray(i);
  };
  return rlp.rlpEncode([
    rlp.encodeUint(tx.from.sequence - 1n),
    rlp.encodeUint(tx.gasPrice),
    rlp.encodeUint(tx.gasLimit),
    toField(tx),
    rlp.encodeUint(tx.from.coins.tfuelWei),
    tx.data,
    rlp.encodeUint(evmChainId * 2n + 35n + recid),
    trim(sig.subarray(0, 32)),
    trim(sig.subarray(32, 64)),
  ]);
}

/** A decoded legacy Ethereum transaction (EIP-155 or pre-155). */
export interface EthLegacyTx {
  readonly nonce: bigint;
  readonly gasPrice: bigint;
  readonly gasLimit: bigint;
  /** Empty for contract creation. */
  readonly to: Uint8Array;
  readonly value: bigint;
  readonly data: Uint8Array;
  readonly v: bigint;
  readonly r: bigint;
  readonly s: bigint;
}

/** Decodes an Ethereum legacy (pre-EIP-2718) signed transaction strictly. */
export function decodeEthLegacyTx(raw: Uint8Array): EthLegacyTx {
  const fields = rlp.decodeList(rlp.rlpDecode(raw), "ethTx", 9);
  const f = (i: number) => fields[i] as rlp.RlpItem;
  const to = rlp.decodeBytes(f(3), "ethTx.to");
  if (to.length !== 0 && to.length !== ADDRESS_LENGTH) {
    throw new ThetaError(
      EthCompatErrorCode.InvalidEthTx,
      `ethTx.to: expected 0 or 20 bytes, got ${to.length}`,
    );
  }
  return {
    nonce: rlp.decodeUint(f(0), "ethTx.nonce", 64),
    gasPrice: rlp.decodeBigInt(f(1), "ethTx.gasPrice"),
    gasLimit: rlp.decodeUint(f(2), "ethTx.gasLimit", 64),
    to,
    value: rlp.decodeBigInt(f(4), "ethTx.value"),
    data: rlp.decodeBytes(f(5), "ethTx.data"),
    v: rlp.decodeBigInt(f(6), "ethTx.v"),
    r: rlp.decodeBigInt(f(7), "ethTx.r"),
    s: rlp.decodeBigInt(f(8), "ethTx.s"),
  };
}
