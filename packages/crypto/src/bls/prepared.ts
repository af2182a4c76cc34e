/**
 * BLS verification of many signatures on one message (docs/consensus.md §3.1), as EEN and guardian
 * aggregates of one checkpoint need: H(msg) and the line coefficients of its Miller loop are computed
 * once, so each check runs the Miller loop of the signature only, then the shared loop and one final
 * exponentiation. The result is the same as {@link blsVerify}'s.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import type { BlsPublicKey, BlsSignature, G2Point } from "./bls.ts";
import { thetaHashToG2 } from "./hashToG2.ts";

const { Fp12 } = bls12_381.fields;
const lines = bls12_381.utils.calcPairingPrecomputes;
type Lines = ReturnType<typeof lines>;
const NEG_G1 = bls12_381.G1.Point.BASE.negate().toAffine();

/** A message prepared for repeated verification: its hash-to-G2 point and that point's Miller-loop lines. */
export interface BlsPreparedMessage {
  readonly message: Uint8Array;
  readonly hashed: G2Point;
  /** Opaque to callers. */
  readonly lines: Lines;
}

/** Prepares `message` (its H_theta point may be passed when already known). */
export function blsPrepareMessage(message: Uint8Array, hashed?: G2Point): BlsPreparedMessage {
  const h = hashed ?? thetaHashToG2(message);
  return { message, hashed: h, lines: lines(h) };
}

/**
 * e(pk, H(msg)) == e(G1, σ) for a prepared message. The key and the signature must come from the
 * decoders of this package (which check subgroup membership) or be sums of such points, as aggregates
 * are; they are not checked again.
 */
export function blsVerifyPrepared(
  pk: BlsPublicKey,
  prepared: BlsPreparedMessage,
  signature: BlsSignature,
): boolean {
  if (pk.point.is0() || signature.point.is0()) return false;
  const a = pk.point.toAffine();
  const f = bls12_381.millerLoopBatch([
    [prepared.lines, a.x, a.y],
    [lines(signature.point), NEG_G1.x, NEG_G1.y],
  ]);
  return Fp12.eql(Fp12.finalExponentiate(f), Fp12.ONE);
}
