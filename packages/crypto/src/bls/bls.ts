/**
 * Theta's BLS on BLS12-381 (docs/consensus.md §3.1): public keys in G1 (48-byte compressed),
 * signatures in G2 (96 bytes), H_theta for hashing, proof of possession = a signature over the
 * compressed public key, aggregation with multiplicities (Σ mᵢ·σᵢ, Σ mᵢ·pkᵢ).
 * Public keys are kept decoded (`BlsPublicKey`) so aggregating a thousand of them is point
 * additions only, not a thousand decompressions.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, ThetaError } from "@theta/core-types";
import { CryptoErrorCode } from "../errors.ts";
import { thetaHashToG2 } from "./hashToG2.ts";

const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
/** A point of BLS12-381's G1 (public keys). */
type G1Point = InstanceType<typeof G1>;
/** A point of BLS12-381's G2 (signatures). */
type G2Point = InstanceType<typeof G2>;
const R = bls12_381.fields.Fr.ORDER;

/** A BLS secret key: a scalar of the BLS12-381 group order. */
export interface BlsSecretKey {
  readonly scalar: bigint;
}
export type { G1Point, G2Point };

/** A BLS public key: a G1 point and its 48-byte compressed encoding. */
export interface BlsPublicKey {
  readonly point: G1Point;
  readonly bytes: Uint8Array;
}
/** A BLS signature: a G2 point and its 96-byte compressed encoding. */
export interface BlsSignature {
  readonly point: G2Point;
  readonly bytes: Uint8Array;
}

function beToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

function bigIntTo32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** A secret key from 32 big-endian bytes (must be in (0, r)). */
export function blsSecretKeyFromBytes(bytes: Uint8Array): BlsSecretKey {
  const scalar = beToBigInt(bytes);
  if (bytes.length !== 32 || scalar === 0n || scalar >= R) {
    throw new ThetaError(
      CryptoErrorCode.InvalidBlsKey,
      "blsSecretKey: expected 32 bytes encoding a scalar in (0, r)",
    );
  }
  return { scalar };
}

/** The 32-byte big-endian encoding of a secret key. */
export function blsSecretKeyToBytes(sk: BlsSecretKey): Uint8Array {
  return bigIntTo32(sk.scalar);
}

/**
 * The reference's node BLS key (compatibility only; docs/consensus.md §3.1): the first 32 ASCII bytes
 * of hex(uncompressed secp256k1 public key) read as a little-endian integer, top bit cleared.
 * Anyone who knows the public key can compute it.
 */
export function blsSecretKeyFromSecpPublicKeyCompat(uncompressedPublicKey: Uint8Array): BlsSecretKey {
  const ascii = new TextEncoder().encode(bytesToHex(uncompressedPublicKey)).subarray(0, 32);
  let v = 0n;
  for (let i = ascii.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(ascii[i]!);
  v &= (1n << 255n) - 1n;
  return { scalar: v % R };
}

/** HKDF label of docs/decisions.md §9: a node's BLS key derives from its secp256k1 *private* key. */
export const BLS_KEY_HKDF_SALT = "theta-ts/bls-key/v1";

/** docs/decisions.md §9: sk = HKDF-SHA256(ikm = secp256k1 private key, salt = label, 48 bytes) mod r (never 0). */
export function blsSecretKeyFromPrivateKey(secpPrivateKey: Uint8Array): BlsSecretKey {
  const okm = hkdf(
    sha256,
    secpPrivateKey,
    new TextEncoder().encode(BLS_KEY_HKDF_SALT),
    new Uint8Array(0),
    48,
  );
  const scalar = (beToBigInt(okm) % (R - 1n)) + 1n;
  return { scalar };
}

/** The public key of a secret key. */
export function blsPublicKey(sk: BlsSecretKey): BlsPublicKey {
  const point = G1.BASE.multiply(sk.scalar);
  return { point, bytes: point.toBytes(true) };
}

/** Decodes a 48-byte compressed G1 public key (on the curve, in the subgroup). */
export function blsPublicKeyFromBytes(bytes: Uint8Array): BlsPublicKey {
  try {
    const point = G1.fromBytes(bytes);
    point.assertValidity();
    return { point, bytes: bytes.slice() };
  } catch (cause) {
    throw new ThetaError(
      CryptoErrorCode.InvalidBlsKey,
      "blsPublicKey: not a valid 48-byte compressed G1 point",
      { cause },
    );
  }
}

/** Decodes a 96-byte compressed G2 signature. */
export function blsSignatureFromBytes(bytes: Uint8Array): BlsSignature {
  try {
    const point = G2.fromBytes(bytes);
    point.assertValidity();
    return { point, bytes: bytes.slice() };
  } catch (cause) {
    throw new ThetaError(
      CryptoErrorCode.InvalidBlsSignature,
      "blsSignature: not a valid 96-byte compressed G2 point",
      {
        cause,
      },
    );
  }
}

function sig(point: G2Point): BlsSignature {
  return { point, bytes: point.toBytes(true) };
}

/** Signs `message` with Theta's hash-to-G2 (docs/consensus.md §3.1). */
export function blsSign(sk: BlsSecretKey, message: Uint8Array): BlsSignature {
  return sig(thetaHashToG2(message).multiply(sk.scalar));
}

/**
 * e(pk, H(msg)) == e(G1, σ), checked as one product e(pk, H) · e(−G1, σ) == 1 (two Miller loops,
 * one final exponentiation). `hashed` lets a caller reuse H(msg) across many verifications of the
 * same message (every guardian signs the same checkpoint).
 */
export function blsVerify(
  pk: BlsPublicKey,
  message: Uint8Array,
  signature: BlsSignature,
  hashed?: G2Point,
): boolean {
  if (pk.point.is0() || signature.point.is0()) return false;
  const h = hashed ?? thetaHashToG2(message);
  const product = bls12_381.pairingBatch([
    { g1: pk.point, g2: h },
    { g1: G1.BASE.negate(), g2: signature.point },
  ]);
  return bls12_381.fields.Fp12.eql(product, bls12_381.fields.Fp12.ONE);
}

/** m·P for a small non-negative multiplicity by double-and-add (cheaper than a full scalar multiplication). */
function timesSmall<P extends { add(o: P): P; double(): P }>(point: P, m: number, zero: P): P {
  let acc = zero;
  let base = point;
  let k = m;
  while (k > 0) {
    if (k & 1) acc = acc.add(base);
    k >>>= 1;
    if (k > 0) base = base.double();
  }
  return acc;
}

/** Proof of possession: a signature over the 48-byte compressed public key. */
export function blsPopProve(sk: BlsSecretKey): BlsSignature {
  return blsSign(sk, blsPublicKey(sk).bytes);
}

/** Whether `pop` proves possession of the key `pk`. */
export function blsPopVerify(pk: BlsPublicKey, pop: BlsSignature): boolean {
  return blsVerify(pk, pk.bytes, pop);
}

/** Σ mᵢ·σᵢ (a zero multiplicity skips the signature). */
export function blsAggregateSignatures(
  signatures: readonly BlsSignature[],
  multiplicities?: readonly number[],
): BlsSignature {
  let acc = G2.ZERO;
  signatures.forEach((s, i) => {
    const m = multiplicities?.[i] ?? 1;
    if (m === 0) return;
    acc = acc.add(m === 1 ? s.point : timesSmall(s.point, m, G2.ZERO));
  });
  return sig(acc);
}

/** Σ mᵢ·pkᵢ over the keys with a non-zero multiplicity (lengths must match). */
export function blsAggregatePublicKeys(
  keys: readonly BlsPublicKey[],
  multiplicities: readonly number[],
): BlsPublicKey {
  if (keys.length !== multiplicities.length) {
    throw new ThetaError(
      CryptoErrorCode.BlsAggregateMismatch,
      `multiplicities: expected ${keys.length} entries (one per key), got ${multiplicities.length}`,
    );
  }
  let acc = G1.ZERO;
  for (let i = 0; i < keys.length; i++) {
    const m = multiplicities[i]!;
    if (m === 0) continue;
    acc = acc.add(m === 1 ? keys[i]!.point : timesSmall(keys[i]!.point, m, G1.ZERO));
  }
  return {
    point: acc,
    get bytes() {
      return acc.toBytes(true);
    },
  };
}

/** Every signer signed the same message, so the aggregate verifies as one signature. */
export function blsVerifyAggregate(
  keys: readonly BlsPublicKey[],
  multiplicities: readonly number[],
  message: Uint8Array,
  signature: BlsSignature,
  hashed?: G2Point,
): boolean {
  return blsVerify(blsAggregatePublicKeys(keys, multiplicities), message, signature, hashed);
}
