/**
 * `createCrypto(backend)`: every Theta signing and hashing operation, bound to one backend.
 * Signature rules follow docs/ledger.md §1.4: v ∈ {0,1}, recovery accepts high-S, verification
 * compares the recovered address; Ethereum-style signatures (SmartContractTx) use v = 27/28 with
 * low-S enforced.
 */
import {
  type Address,
  equalBytes,
  parseAddress,
  type ServicePaymentTx,
  type SignBytesWrapper,
  servicePaymentSourceSignBytes,
  servicePaymentTargetSignBytes,
  ThetaError,
  type Tx,
  TxType,
  txSignBytes,
} from "@theta/core-types";
import {
  contractAddress,
  create2Address,
  isValidChecksumAddress,
  publicKeyToAddress,
  toChecksumAddress,
} from "./address.ts";
import type { CryptoBackend } from "./backend.ts";
import { CryptoErrorCode } from "./errors.ts";
import { nobleBackend } from "./noble.ts";

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** Every hash and signature operation of Theta, on one backend. */
export interface ThetaCrypto {
  readonly backend: CryptoBackend;
  /** keccak256 on the backend. */
  keccak256(data: Uint8Array): Uint8Array;
  /** The 65-byte uncompressed secp256k1 public key of a private key. */
  publicKey(privateKey: Uint8Array): Uint8Array;
  /** The address of a private key. */
  privateKeyToAddress(privateKey: Uint8Array): Address;
  /** The address of a public key: the last 20 bytes of keccak256(X ‖ Y). */
  publicKeyToAddress(publicKey: Uint8Array): Address;
  /** The EIP-55 mixed-case `0x` form of an address. */
  toChecksumAddress(address: Address): string;
  /** Whether `text` is a `0x` address with a correct EIP-55 checksum. */
  isValidChecksumAddress(text: string): boolean;
  /** The address of a contract created by `sender` at `nonce` (CREATE). */
  contractAddress(sender: Address, nonce: bigint): Address;
  /** The address of a contract created with CREATE2. */
  create2Address(sender: Address, salt: Uint8Array, initCode: Uint8Array): Address;
  /** Signs keccak256(message) (message = sign bytes). */
  sign(message: Uint8Array, privateKey: Uint8Array): Uint8Array;
  /** Recovers the signer of `message`, or undefined (empty, wrong length, v ≥ 2, bad point). */
  recoverAddress(message: Uint8Array, signature: Uint8Array): Address | undefined;
  /** Theta's Signature.Verify: non-empty, recovers, and the address matches. */
  verify(message: Uint8Array, signature: Uint8Array, address: Address): boolean;
  /** The Ethereum path (docs/ledger.md §3.7): R ‖ S ‖ (27 + recid), S ≤ n/2, over a prepared signing hash. */
  recoverEthAddress(signingHash: Uint8Array, signature: Uint8Array): Address | undefined;
  /** keccak256 of the raw bytes: the canonical tx hash. */
  txHash(raw: Uint8Array): Uint8Array;
  /** keccak256 of the sign bytes (for ServicePaymentTx: the target's). */
  txId(chainId: string, tx: Tx): Uint8Array;
  /** Sets every signature field of `tx` whose address belongs to `privateKey`. */
  signTx<T extends Tx>(chainId: string, tx: T, privateKey: Uint8Array): T;
}

function assertPrivateKey(backend: CryptoBackend, sk: Uint8Array): void {
  if (!backend.isValidPrivateKey(sk)) {
    throw new ThetaError(
      CryptoErrorCode.InvalidPrivateKey,
      "privateKey: expected 32 bytes, a scalar in (0, n)",
    );
  }
}

/** The crypto operations on `backend` (noble by default). */
export function createCrypto(backend: CryptoBackend = nobleBackend): ThetaCrypto {
  const k = backend.keccak256;
  const addressOf = (sk: Uint8Array) => {
    assertPrivateKey(backend, sk);
    return publicKeyToAddress(backend.publicKey(sk), k);
  };
  const sign = (message: Uint8Array, sk: Uint8Array) => {
    assertPrivateKey(backend, sk);
    return backend.signHash(k(message), sk);
  };
  const recoverAddress = (message: Uint8Array, signature: Uint8Array) => {
    if (signature.length !== 65) return undefined;
    const pub = backend.recoverPublicKey(k(message), signature);
    return pub ? publicKeyToAddress(pub, k) : undefined;
  };

  function signTx<T extends Tx>(chainId: string, tx: T, sk: Uint8Array): T {
    return signAny(chainId, tx, sk) as T;
  }

  function signAny(chainId: string, tx: Tx, sk: Uint8Array): Tx {
    const me = addressOf(sk);
    const mine = (a: Address) => equalBytes(a, me);
    const sigFor = () => sign(txSignBytes(chainId, tx), sk);
    const t = tx;
    switch (t.type) {
      case TxType.Send: {
        const sig = sigFor();
        return { ...t, inputs: t.inputs.map((i) => (mine(i.address) ? { ...i, signature: sig } : i)) };
      }
      case TxType.ServicePayment: {
        let out: ServicePaymentTx = t;
        if (mine(out.source.address)) {
          out = {
            ...out,
            source: { ...out.source, signature: sign(servicePaymentSourceSignBytes(chainId, out), sk) },
          };
        }
        if (mine(out.target.address)) {
          out = {
            ...out,
            target: { ...out.target, signature: sign(servicePaymentTargetSignBytes(chainId, out), sk) },
          };
        }
        return out;
      }
      case TxType.Coinbase:
      case TxType.Slash:
        return mine(t.proposer.address) ? { ...t, proposer: { ...t.proposer, signature: sigFor() } } : t;
      case TxType.SplitRule:
        return mine(t.initiator.address) ? { ...t, initiator: { ...t.initiator, signature: sigFor() } } : t;
      case TxType.SmartContract:
        return mine(t.from.address) ? { ...t, from: { ...t.from, signature: sigFor() } } : t;
      case TxType.StakeRewardDistribution:
        return mine(t.holder.address) ? { ...t, holder: { ...t.holder, signature: sigFor() } } : t;
      default:
        return mine(t.source.address) ? { ...t, source: { ...t.source, signature: sigFor() } } : t;
    }
  }

  return {
    backend,
    keccak256: k,
    publicKey: (sk) => {
      assertPrivateKey(backend, sk);
      return backend.publicKey(sk);
    },
    privateKeyToAddress: addressOf,
    publicKeyToAddress: (pub) => publicKeyToAddress(pub, k),
    toChecksumAddress: (a) => toChecksumAddress(a, k),
    isValidChecksumAddress: (text) => isValidChecksumAddress(text, k, (t) => parseAddress(t)),
    contractAddress: (sender, nonce) => contractAddress(sender, nonce, k),
    create2Address: (sender, salt, code) => create2Address(sender, salt, code, k),
    sign,
    recoverAddress,
    verify: (message, signature, address) => {
      if (signature.length === 0) return false;
      const who = recoverAddress(message, signature);
      return who !== undefined && equalBytes(who, address);
    },
    recoverEthAddress(signingHash, signature) {
      if (signature.length !== 65) return undefined;
      const v = signature[64]!;
      if (v !== 27 && v !== 28) return undefined;
      let s = 0n;
      let r = 0n;
      for (const x of signature.subarray(0, 32)) r = (r << 8n) | BigInt(x);
      for (const x of signature.subarray(32, 64)) s = (s << 8n) | BigInt(x);
      if (r === 0n || s === 0n || s > HALF_N) return undefined;
      const sig = signature.slice();
      sig[64] = v - 27;
      const pub = backend.recoverPublicKey(signingHash, sig);
      return pub ? publicKeyToAddress(pub, k) : undefined;
    },
    txHash: (raw) => k(raw),
    txId: (chainId, tx) => k(txSignBytes(chainId, tx)),
    signTx,
  };
}

/** A shared instance on the default (noble) backend. */
export const defaultCrypto: ThetaCrypto = createCrypto();

/** Which wrapper a signature verified under, when verifying with both (H ≥ HeightTxWrapperExtension). */
export function verifyTxSignature(
  crypto: ThetaCrypto,
  chainId: string,
  tx: Tx,
  signature: Uint8Array,
  address: Address,
  wrappers: readonly SignBytesWrapper[],
): SignBytesWrapper | undefined {
  for (const w of wrappers) if (crypto.verify(txSignBytes(chainId, tx, w), signature, address)) return w;
  return undefined;
}
