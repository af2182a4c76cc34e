/**
 * `theta.BroadcastRawEthTransaction`: a signed legacy Ethereum tx becomes a SmartContractTx
 * (interfaces.md §1.4 method 25, ledger.md §3.7): sequence = nonce + 1, value → TFuel, no `to` →
 * the zero address (a creation), signature R ‖ S ‖ (27 + recid) recovered over the EIP-155
 * pre-image of the chain's EVM chain id (or the pre-155 one when v is 27/28).
 */
import {
  type ChainProfile,
  coins,
  decodeEthLegacyTx,
  encodeUint,
  err,
  ethSigningPreimage,
  isThetaError,
  mapChainId,
  ok,
  type Result,
  rlpEncode,
  type SmartContractTx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";

/** Stable codes of the translation. */
export const EthTxErrorCode = { Invalid: "NODE_ETH_TX_INVALID" } as const;

function bigTo32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** The EVM chain id of `profile` at `height`. */
export function evmChainId(profile: ChainProfile, height: bigint, crypto: ThetaCrypto): bigint {
  return mapChainId(
    profile.chainId,
    height,
    { rpcCompatibility: profile.heights.rpcCompatibility, metachain: profile.heights.enableMetachainSupport },
    crypto.keccak256,
  );
}

/** Translates `raw` (a signed legacy Ethereum tx) for a block at `height`. */
export function ethToSmartContractTx(
  raw: Uint8Array,
  profile: ChainProfile,
  height: bigint,
  crypto: ThetaCrypto,
): Result<SmartContractTx> {
  let eth: ReturnType<typeof decodeEthLegacyTx>;
  try {
    eth = decodeEthLegacyTx(raw);
  } catch (e) {
    if (isThetaError(e)) return err(EthTxErrorCode.Invalid, `Error decoding tx: ${e.message}`);
    throw e;
  }
  const chainId = evmChainId(profile, height, crypto);
  let recid: bigint;
  let preimage: (tx: SmartContractTx) => Uint8Array;
  if (eth.v === 27n || eth.v === 28n) {
    recid = eth.v - 27n;
    preimage = (tx) =>
      rlpEncode([
        encodeUint(tx.from.sequence - 1n),
        encodeUint(tx.gasPrice),
        encodeUint(tx.gasLimit),
        eth.to,
        encodeUint(tx.from.coins.tfuelWei),
        tx.data,
      ]);
  } else {
    recid = eth.v - chainId * 2n - 35n;
    if (recid !== 0n && recid !== 1n) {
      return err(EthTxErrorCode.Invalid, `ethTx.v: ${eth.v} does not match the EVM chain id ${chainId}`);
    }
    preimage = (tx) => ethSigningPreimage(tx, chainId);
  }
  const signature = new Uint8Array(65);
  signature.set(bigTo32(eth.r), 0);
  signature.set(bigTo32(eth.s), 32);
  signature[64] = 27 + Number(recid);
  const unsigned: SmartContractTx = {
    type: TxType.SmartContract,
    from: { address: ZERO_ADDRESS, coins: coins(0n, eth.value), sequence: eth.nonce + 1n, signature },
    to: { address: eth.to.length === 0 ? ZERO_ADDRESS : eth.to, coins: coins(0n, 0n) },
    gasLimit: eth.gasLimit,
    gasPrice: eth.gasPrice,
    data: eth.data,
  };
  const sender = crypto.recoverEthAddress(crypto.keccak256(preimage(unsigned)), signature);
  if (sender === undefined)
    return err(EthTxErrorCode.Invalid, "ethTx: the signature does not recover a sender");
  return ok({ ...unsigned, from: { ...unsigned.from, address: sender } });
}
