/** Signed legacy Ethereum transactions built the way a wallet does (EIP-155 or unprotected). */
import { encodeUint, rlpEncode } from "@theta/core-types";
import { crypto } from "./chainData.ts";

/** The fields a wallet fills in. */
export interface EthTxFields {
  readonly nonce: bigint;
  readonly gasPrice: bigint;
  readonly gasLimit: bigint;
  /** Empty for a contract creation. */
  readonly to: Uint8Array;
  readonly value: bigint;
  readonly data: Uint8Array;
}

const EMPTY = new Uint8Array(0);

function trimmed(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

/** The wallet's signing preimage: EIP-155 with `chainId` (0 for an unprotected tx, as Theta hashes it). */
export function ethPreimage(f: EthTxFields, chainId: bigint): Uint8Array {
  return rlpEncode([
    encodeUint(f.nonce),
    encodeUint(f.gasPrice),
    encodeUint(f.gasLimit),
    f.to,
    encodeUint(f.value),
    f.data,
    encodeUint(chainId),
    EMPTY,
    EMPTY,
  ]);
}

/** Signs and encodes; `chainId` undefined gives an unprotected tx (v = 27/28). */
export function signEthTx(f: EthTxFields, key: Uint8Array, chainId: bigint | undefined): Uint8Array {
  const sig = crypto.sign(ethPreimage(f, chainId ?? 0n), key);
  const recovery = BigInt(sig[64]!);
  const v = chainId === undefined ? 27n + recovery : chainId * 2n + 35n + recovery;
  return rlpEncode([
    encodeUint(f.nonce),
    encodeUint(f.gasPrice),
    encodeUint(f.gasLimit),
    f.to,
    encodeUint(f.value),
    f.data,
    encodeUint(v),
    trimmed(sig.subarray(0, 32)),
    trimmed(sig.subarray(32, 64)),
  ]);
}
