/**
 * Multiplicity vectors: the signer-count part of an AggregatedVotes (docs/consensus.md §3.3), without the
 * BLS signature. Used by the large-scale gossip model, where running real BLS for thousands of guardians
 * would be too slow; the merge rules are exactly those of AggregatedVotes.
 */
import { ThetaError } from "@theta/core-types";

/** Error codes of multiplicity arithmetic. */
export const MultiplicityErrorCode = {
  LengthMismatch: "GUARDIAN_MULTIPLICITY_LENGTH_MISMATCH",
  Overflow: "GUARDIAN_MULTIPLICITY_OVERFLOW",
} as const;

const U32_MAX = 0xffffffff;

/** Number of non-zero entries (distinct signers), `Abs()` in the reference. */
export function abs(m: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) if ((m[i] as number) !== 0) n++;
  return n;
}

/** Largest entry. */
export function maxEntry(m: Uint32Array): number {
  let best = 0;
  for (let i = 0; i < m.length; i++) if ((m[i] as number) > best) best = m[i] as number;
  return best;
}

/**
 * Merge rule of AggregatedVotes: element-wise sum; `undefined` when `b` adds no signer that `a`
 * lacks (the "subset" case); a ThetaError when lengths differ or an entry would exceed uint32.
 */
export function mergeMultiplicities(a: Uint32Array, b: Uint32Array): Uint32Array | undefined {
  if (a.length !== b.length) {
    throw new ThetaError(
      MultiplicityErrorCode.LengthMismatch,
      `multiplies: expected equal lengths, got ${a.length} and ${b.length}`,
    );
  }
  let addsSigner = false;
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) === 0 && (b[i] as number) !== 0) {
      addsSigner = true;
      break;
    }
  }
  if (!addsSigner) return undefined;
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const s = (a[i] as number) + (b[i] as number);
    if (s > U32_MAX) {
      throw new ThetaError(MultiplicityErrorCode.Overflow, `multiplies[${i}]: sum ${s} exceeds uint32`);
    }
    out[i] = s;
  }
  return out;
}

/** Pick rule for pass-through nodes: the vector with more distinct signers (`a` on ties). */
export function pickMultiplicities(a: Uint32Array, b: Uint32Array): Uint32Array {
  return abs(b) > abs(a) ? b : a;
}
