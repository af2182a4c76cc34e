/**
 * The {@link EenCrypto} port on Theta's BLS (`@theta/crypto`, docs/consensus.md §3.1): G1 keys, G2
 * signatures, the hash-to-G2 of the signed message computed once per checkpoint.
 */
import {
  type BlsPublicKey,
  type BlsSignature,
  blsPublicKeyFromBytes,
  blsSignatureFromBytes,
  blsVerify,
  type G1Point,
  type G2Point,
  thetaHashToG2,
} from "@theta/crypto";
import type { EenCrypto, EenMessage, EenPublicKey, EenSignature } from "./ports.ts";

interface Prepared {
  readonly message: Uint8Array;
  readonly hashed: G2Point;
}

const asKey = (k: BlsPublicKey): EenPublicKey => k as unknown as EenPublicKey;
const fromKey = (k: EenPublicKey): BlsPublicKey => k as unknown as BlsPublicKey;
const asSig = (s: BlsSignature): EenSignature => s as unknown as EenSignature;
const fromSig = (s: EenSignature): BlsSignature => s as unknown as BlsSignature;

function keyOf(point: G1Point): BlsPublicKey {
  return {
    point,
    get bytes() {
      return point.toBytes(true);
    },
  };
}

/**
 * Σ mᵢ·Pᵢ with point additions only: every point goes into the bucket of its multiplicity (negative ones
 * negated into the bucket of |m|), then Σ m·bucket[m] is formed with running sums from the largest m down
 * — n + 2·(distinct |m| span) additions instead of a double-and-add per point. Multiplicities beyond
 * `BUCKET_LIMIT` are added by double-and-add.
 */
const BUCKET_LIMIT = 64;

function timesSmall(p: G1Point, m: number): G1Point {
  let acc: G1Point | undefined;
  let base = p;
  let k = m;
  while (k > 0) {
    if (k % 2 === 1) acc = acc === undefined ? base : acc.add(base);
    k = Math.floor(k / 2);
    if (k > 0) base = base.double();
  }
  return acc as G1Point;
}

function weightedSum(points: readonly G1Point[], multiplies: readonly number[]): G1Point | undefined {
  const buckets = new Map<number, G1Point>();
  let big: G1Point | undefined;
  let max = 0;
  for (let i = 0; i < points.length; i++) {
    const m = multiplies[i] as number;
    const k = Math.abs(m);
    if (k === 0) continue;
    const p = m < 0 ? (points[i] as G1Point).negate() : (points[i] as G1Point);
    if (k > BUCKET_LIMIT) {
      const t = timesSmall(p, k);
      big = big === undefined ? t : big.add(t);
      continue;
    }
    const b = buckets.get(k);
    buckets.set(k, b === undefined ? p : b.add(p));
    if (k > max) max = k;
  }
  let running: G1Point | undefined;
  let total: G1Point | undefined = big;
  for (let k = max; k >= 1; k--) {
    const b = buckets.get(k);
    if (b !== undefined) running = running === undefined ? b : running.add(b);
    if (running !== undefined) total = total === undefined ? running : total.add(running);
  }
  return total;
}

/** The EEN crypto port on real BLS12-381 with Theta's hash-to-G2. */
export function createBlsEenCrypto(): EenCrypto {
  return {
    publicKey: (bytes) => asKey(blsPublicKeyFromBytes(bytes)),
    signature: (bytes) => asSig(blsSignatureFromBytes(bytes)),
    signatureBytes: (s) => fromSig(s).bytes,
    addSignatures(a, b) {
      const point = fromSig(a).point.add(fromSig(b).point);
      return asSig({
        point,
        get bytes() {
          return point.toBytes(true);
        },
      });
    },
    combineKeys(base, keys, multiplies) {
      const sum = weightedSum(
        keys.map((k) => fromKey(k).point),
        multiplies,
      );
      const b = base === undefined ? undefined : fromKey(base).point;
      const acc = b === undefined ? sum : sum === undefined ? b : b.add(sum);
      return acc === undefined || acc.is0() ? undefined : asKey(keyOf(acc));
    },
    prepare: (message) => ({ message, hashed: thetaHashToG2(message) }) as unknown as EenMessage,
    verify(key, message, s) {
      const p = message as unknown as Prepared;
      return blsVerify(fromKey(key), p.message, fromSig(s), p.hashed);
    },
  };
}
