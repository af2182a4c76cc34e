/**
 * A cheap linear stand-in for BLS in simulations of thousands of elite edge nodes: a key is `sk·G` and a
 * signature `sk·H(msg)` in the integers modulo the prime 2^127 − 1 (H = keccak256 reduced), checked as
 * `σ·G = pk·H`. Sums of keys and signatures behave as BLS aggregates do (multiplicities included), and
 * encodings have BLS's sizes (48 and 96 bytes), so message sizes are the real ones. Not secure.
 */
import { concatBytes } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { EenCrypto, EenMessage, EenPublicKey, EenSignature } from "../een/ports.ts";
import type { Signer } from "../ports.ts";

const P = (1n << 127n) - 1n;
const G = 0x5deece66dn;
const mod = (x: bigint): bigint => ((x % P) + P) % P;

function toBytes(v: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = v;
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function fromBytes(b: Uint8Array, length: number, what: string): bigint {
  if (b.length !== length || b.subarray(16).some((x) => x !== 0))
    throw new RangeError(`fake ${what}: bad encoding`);
  let v = 0n;
  for (let i = 0; i < 16; i++) v = (v << 8n) | BigInt(b[i] as number);
  if (v === 0n || v >= P) throw new RangeError(`fake ${what}: out of range`);
  return v;
}

const hashOf = (message: Uint8Array): bigint => {
  let v = 0n;
  for (const x of defaultCrypto.keccak256(message)) v = (v << 8n) | BigInt(x);
  return mod(v) || 1n;
};

interface Key {
  readonly v: bigint;
}

/** The fake EEN crypto port (pairs with {@link createFakeEenSigner}). */
export function createFakeEenCrypto(): EenCrypto {
  const key = (v: bigint): EenPublicKey => ({ v }) as unknown as EenPublicKey;
  const val = (k: EenPublicKey | EenSignature | EenMessage): bigint => (k as unknown as Key).v;
  return {
    publicKey: (bytes) => key(fromBytes(bytes, 48, "key")),
    signature: (bytes) => ({ v: fromBytes(bytes, 96, "signature") }) as unknown as EenSignature,
    signatureBytes: (s) => toBytes(val(s), 96),
    addSignatures: (a, b) => ({ v: mod(val(a) + val(b)) }) as unknown as EenSignature,
    combineKeys(base, keys, multiplies) {
      let acc = base === undefined ? 0n : val(base);
      for (let i = 0; i < keys.length; i++)
        acc = mod(acc + BigInt(multiplies[i] as number) * val(keys[i] as EenPublicKey));
      return acc === 0n ? undefined : key(acc);
    },
    prepare: (message) => ({ v: hashOf(message) }) as unknown as EenMessage,
    verify: (k, message, s) => mod(val(s) * G) === mod(val(k) * val(message)),
  };
}

/** The fake public key of secret `sk` (48 bytes). */
export const fakeEenPublicKey = (sk: bigint): Uint8Array => toBytes(mod(sk * G), 48);

/** The fake signature of `message` by secret `sk` (96 bytes). */
export const fakeEenSign = (sk: bigint, message: Uint8Array): Uint8Array =>
  toBytes(mod(sk * hashOf(message)), 96);

/** A signer for an edge node of the fake scheme: secp256k1 is not used by edge nodes in simulations. */
export function createFakeEenSigner(address: Uint8Array, sk: bigint): Signer {
  return {
    address: () => address,
    signSecp256k1: () => concatBytes(new Uint8Array(65)),
    blsPubkey: () => fakeEenPublicKey(sk),
    signBls: (message) => fakeEenSign(sk, message),
  };
}
