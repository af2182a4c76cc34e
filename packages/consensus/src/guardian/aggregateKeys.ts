/**
 * Σ mᵢ·pkᵢ for an aggregate's verification, with point additions only, choosing the cheaper of:
 * - buckets by multiplicity: every key is added into the bucket of its multiplicity, then
 *   Σ m·bucket[m] is formed with running sums from the largest m down (n + 2·max additions);
 * - bit slices: for every bit b, the keys whose multiplicity has bit b set are summed, and the slices
 *   are combined by doubling (Horner), (Σ popcount(mᵢ)) additions plus one doubling per bit.
 * Either replaces a double-and-add per key.
 */
import type { BlsPublicKey, G1Point } from "@theta/crypto";

const add = (a: G1Point | undefined, b: G1Point): G1Point => (a === undefined ? b : a.add(b));

// Stryker disable all: popcount only weighs the choice between two strategies that give the same sum.
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
// Stryker restore all

function byBuckets(keys: readonly BlsPublicKey[], m: Uint32Array, max: number): G1Point | undefined {
  const buckets = new Array<G1Point | undefined>(max + 1);
  for (let i = 0; i < m.length; i++) {
    const k = m[i] as number;
    if (k !== 0) buckets[k] = add(buckets[k], (keys[i] as BlsPublicKey).point);
  }
  let running: G1Point | undefined;
  let total: G1Point | undefined;
  for (let k = max; k >= 1; k--) {
    const b = buckets[k];
    if (b !== undefined) running = add(running, b);
    if (running !== undefined) total = add(total, running);
  }
  return total;
}

function bySlices(keys: readonly BlsPublicKey[], m: Uint32Array, max: number): G1Point | undefined {
  let acc: G1Point | undefined;
  for (let bit = 31 - Math.clz32(max); bit >= 0; bit--) {
    if (acc !== undefined) acc = acc.double();
    const mask = 1 << bit;
    for (let i = 0; i < m.length; i++) {
      if (((m[i] as number) & mask) !== 0) acc = add(acc, (keys[i] as BlsPublicKey).point);
    }
  }
  return acc;
}

/** The aggregate public key of `keys` weighted by `multiplies` (equal lengths; at least one non-zero). */
export function aggregatePublicKeys(keys: readonly BlsPublicKey[], multiplies: Uint32Array): BlsPublicKey {
  let max = 0;
  let signers = 0;
  let bits = 0;
  for (let i = 0; i < multiplies.length; i++) {
    const k = multiplies[i] as number;
    if (k === 0) continue;
    // Stryker disable next-line UpdateOperator: the signer count only weighs the choice of strategy (same sum).
    signers++;
    // Stryker disable next-line AssignmentOperator: the bit count only weighs the choice of strategy (same sum).
    bits += popcount(k);
    if (k > max) max = k;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: either strategy gives the same sum.
  const viaBuckets = signers + 2 * max < bits + (32 - Math.clz32(max));
  const point = (viaBuckets ? byBuckets : bySlices)(keys, multiplies, max) as G1Point;
  return {
    point,
    get bytes() {
      return point.toBytes(true);
    },
  };
}
