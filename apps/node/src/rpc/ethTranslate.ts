/**
 * `theta.BroadcastRawEthTransaction`'s translation (docs/interfaces.md §1.4 method 25): a signed
 * legacy Ethereum tx becomes a SmartContractTx: sender recovered from the signature, sequence
 * = nonce + 1, value in TFuel, a missing `to` the zero address (a creation), and the signature
 * kept as R‖S‖(27 + recovery id). As in the reference, the chain id comes from `v` and is not
 * checked here: the mempool's signature check against the node's own chain id rejects a tx
 * signed for another chain.
 */
import {
  ADDRESS_LENGTH,
  decodeEthLegacyTx,
  type EthLegacyTx,
  encodeUint,
  err,
  isThetaError,
  ok,
  type Result,
  rlpEncode,
  type SmartContractTx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";

/** Stable codes of a failed translation. */
export const EthTranslateErrorCode = {
  Undecodable: "RPC_ETH_TX_UNDECODABLE",
  BadSignature: "RPC_ETH_TX_BAD_SIGNATURE",
} as const;

/** One of the codes above. */
export type EthTranslateErrorCode = (typeof EthTranslateErrorCode)[keyof typeof EthTranslateErrorCode];

const U64 = 2n ** 64n;
const CURVE_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const BAD_VRS = "invalid v, r, s values";

/** The EIP-155 chain id carried by `v` (0 for the unprotected 27/28), with Go's uint64 wrap. */
export function ethChainIdOfV(v: bigint): bigint {
  if (v < U64) {
    if (v === 27n || v === 28n) return 0n;
    return ((((v - 35n) % U64) + U64) % U64) >> 1n;
  }
  return (v - 35n) / 2n;
}

function isProtectedV(v: bigint): boolean {
  if (v < 256n) return v !== 27n && v !== 28n && v !== 1n && v !== 0n;
  return true;
}

/** `v` of a protected signature brought back to 27/28 (other values pass through). */
function adjustV(v: bigint): bigint {
  return isProtectedV(v) ? v - ethChainIdOfV(v) * 2n - 8n : v;
}

function word(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let x = v;
  for (let i = 31; i >= 0 && x > 0n; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** The 65-byte R‖S‖(27 + recovery id) signature, or undefined for values a Homestead signer refuses. */
function encodeSignature(tx: EthLegacyTx): Uint8Array | undefined {
  const vAdj = adjustV(tx.v);
  if (vAdj < 0n || vAdj >= 256n) return undefined;
  const recovery = (vAdj - 27n + 256n) % 256n;
  if (recovery > 1n) return undefined;
  if (tx.r < 1n || tx.r >= CURVE_N || tx.s < 1n || tx.s > CURVE_N / 2n) return undefined;
  const sig = new Uint8Array(65);
  sig.set(word(tx.r), 0);
  sig.set(word(tx.s), 32);
  sig[64] = Number(recovery) + 27;
  return sig;
}

/** The hash the sender signed: RLP([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]). */
export function ethSigningHash(tx: EthLegacyTx, keccak256: (b: Uint8Array) => Uint8Array): Uint8Array {
  return keccak256(
    rlpEncode([
      encodeUint(tx.nonce),
      encodeUint(tx.gasPrice),
      encodeUint(tx.gasLimit),
      tx.to,
      encodeUint(tx.value),
      tx.data,
      encodeUint(ethChainIdOfV(tx.v)),
      new Uint8Array(0),
      new Uint8Array(0),
    ]),
  );
}

/** Translates signed legacy Ethereum tx bytes into the SmartContractTx the node submits. */
export function translateEthTx(
  raw: Uint8Array,
  crypto: ThetaCrypto,
): Result<SmartContractTx, EthTranslateErrorCode> {
  let eth: EthLegacyTx;
  try {
    eth = decodeEthLegacyTx(raw);
  } catch (e) {
    if (isThetaError(e)) return err(EthTranslateErrorCode.Undecodable, e.message);
    throw e;
  }
  const signature = encodeSignature(eth);
  if (signature === undefined) return err(EthTranslateErrorCode.BadSignature, BAD_VRS);
  const from = crypto.recoverEthAddress(ethSigningHash(eth, crypto.keccak256), signature);
  if (from === undefined)
    return err(EthTranslateErrorCode.BadSignature, "invalid transaction v, r, s values");
  return ok({
    type: TxType.SmartContract,
    from: {
      address: from,
      coins: { thetaWei: 0n, tfuelWei: eth.value },
      sequence: (eth.nonce + 1n) % U64,
      signature,
    },
    to: {
      address: eth.to.length === ADDRESS_LENGTH ? eth.to : ZERO_ADDRESS,
      coins: { thetaWei: 0n, tfuelWei: 0n },
    },
    gasLimit: eth.gasLimit,
    gasPrice: eth.gasPrice,
    data: eth.data,
  });
}
