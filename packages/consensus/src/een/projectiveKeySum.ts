/**
 * The first way EEN aggregate keys were summed, kept as the named baseline of `bench/een.ts` and as the
 * reference of the differential tests: Σ mᵢ·Pᵢ with one projective `Point.add` per signer (noble). Every
 * point goes into the bucket of its multiplicity (negative ones negated into the bucket of |m|), then
 * Σ m·bucket[m] is formed with running sums from the largest m down; multiplicities beyond
 * `BUCKET_LIMIT` are added by double-and-add.
 */
import type { G1Point } from "@theta/crypto";

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

/** Σ mᵢ·pointsᵢ (zero multiplicities skipped), or undefined for an empty sum; one `Point.add` per point. */
export function projectiveKeySum(
  points: readonly G1Point[],
  multiplies: readonly number[],
): G1Point | undefined {
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
