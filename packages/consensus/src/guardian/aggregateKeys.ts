/**
 * Σ mᵢ·pkᵢ for an aggregate's verification, bit-sliced: for every bit position b, the keys whose
 * multiplicity has bit b set are summed once, and the per-bit sums are combined by doubling
 * (Horner's rule). With multiplicities of ≤ 11 bits this costs about n·(bits/2) point additions plus
 * `bits` doublings, instead of a double-and-add per key.
 */
import type { BlsPublicKey, G1Point } from "@theta/crypto";

/** The aggregate public key of `keys` weighted by `multiplies` (equal lengths; at least one non-zero). */
export function aggregatePublicKeys(keys: readonly BlsPublicKey[], multiplies: Uint32Array): BlsPublicKey {
  let max = 0;
  for (let i = 0; i < multiplies.length; i++)
    if ((multiplies[i] as number) > max) max = multiplies[i] as number;
  let acc: G1Point | undefined;
  for (let bit = 31 - Math.clz32(max); bit >= 0; bit--) {
    if (acc !== undefined) acc = acc.double();
    const mask = 1 << bit;
    for (let i = 0; i < multiplies.length; i++) {
      if (((multiplies[i] as number) & mask) === 0) continue;
      const p = (keys[i] as BlsPublicKey).point;
      acc = acc === undefined ? p : acc.add(p);
    }
  }
  const point = acc as G1Point;
  return {
    point,
    get bytes() {
      return point.toBytes(true);
    },
  };
}
