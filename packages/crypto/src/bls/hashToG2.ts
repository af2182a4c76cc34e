/**
 * Theta's hash-to-G2 (docs/consensus.md §3.1): the legacy herumi/mcl "ETH2 mode" of late 2019, not
 * RFC 9380, and with no domain separation tag.
 *   d = SHA-512(msg)[0:48]; t = little-endian d masked to 381 bits (to 380 if t ≥ p);
 *   x = t + 0·u, then try-and-increment on the real part until x³ + 4(1 + u) is a square;
 *   y = the root whose (c1, c0) is the larger as integers;
 *   H(msg) = [adj²]·clearCofactor(x, y), the cofactor adjustment herumi applies twice.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { sha512 } from "@noble/hashes/sha2.js";

const { Fp, Fp2 } = bls12_381.fields;
type Fp2 = ReturnType<typeof Fp2.create>;
type G2Point = InstanceType<typeof bls12_381.G2.Point>;

/** adj² mod r, with adj = ((z² − 1)·3)⁻¹ mod r and z = −0xd201000000010000. */
export const HERUMI_COFACTOR_ADJUSTMENT = 0x4d491a377113a8daccd13ab0066be558f5a29c021c70ddc6aaaaaaaa1c71c71dn;

const B_TWIST = Fp2.create({ c0: 4n, c1: 4n });
const MASK_381 = (1n << 381n) - 1n;
const MASK_380 = (1n << 380n) - 1n;

function leToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

function sqrtOrUndefined(w: Fp2): Fp2 | undefined {
  try {
    const y = Fp2.sqrt(w);
    return Fp2.eql(Fp2.sqr(y), w) ? y : undefined;
  } catch {
    return undefined;
  }
}

/** The curve point before cofactor clearing (exposed for tests). */
export function thetaMapToTwist(message: Uint8Array): { x: Fp2; y: Fp2 } {
  let t = leToBigInt(sha512(message).subarray(0, 48)) & MASK_381;
  if (t >= Fp.ORDER) t &= MASK_380;
  let x = Fp2.create({ c0: t, c1: 0n });
  for (;;) {
    const w = Fp2.add(Fp2.mul(Fp2.sqr(x), x), B_TWIST);
    const root = sqrtOrUndefined(w);
    if (root) {
      const neg = Fp2.neg(root);
      const keep = root.c1 > neg.c1 || (root.c1 === neg.c1 && root.c0 > neg.c0);
      return { x, y: keep ? root : neg };
    }
    x = Fp2.add(x, Fp2.ONE);
  }
}

/** H_theta(msg) in G2. */
export function thetaHashToG2(message: Uint8Array): G2Point {
  const { x, y } = thetaMapToTwist(message);
  return bls12_381.G2.Point.fromAffine({ x, y }).clearCofactor().multiply(HERUMI_COFACTOR_ADJUSTMENT);
}
