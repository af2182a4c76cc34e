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

/** m·P for a small non-zero integer m (negative: the negation), by double-and-add. */
function times(p: G1Point, m: number): G1Point {
  const neg = m < 0;
  let k = Math.abs(m);
  if (k === 1) return neg ? p.negate() : p;
  let acc: G1Point | undefined;
  let base = p;
  while (k > 0) {
    if (k % 2 === 1) acc = acc === undefined ? base : acc.add(base);
    k = Math.floor(k / 2);
    if (k > 0) base = base.double();
  }
  const r = acc as G1Point;
  return neg ? r.negate() : r;
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
      let acc: G1Point | undefined = base === undefined ? undefined : fromKey(base).point;
      for (let i = 0; i < keys.length; i++) {
        const term = times(fromKey(keys[i] as EenPublicKey).point, multiplies[i] as number);
        acc = acc === undefined ? term : acc.add(term);
      }
      return acc === undefined || acc.is0() ? undefined : asKey(keyOf(acc));
    },
    prepare: (message) => ({ message, hashed: thetaHashToG2(message) }) as unknown as EenMessage,
    verify(key, message, s) {
      const p = message as unknown as Prepared;
      return blsVerify(fromKey(key), p.message, fromSig(s), p.hashed);
    },
  };
}
