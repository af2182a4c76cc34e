import { isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blsPublicKey, CryptoErrorCode, type G1Point, g1GroupSums, g1WeightedSum } from "../src/index.ts";

const key = (s: bigint): G1Point => blsPublicKey({ scalar: s }).point;
const BASE = key(1n);
/** The reference: Σ mᵢ·Pᵢ with one full scalar multiplication per point. */
function slowSum(points: readonly G1Point[], weights: readonly number[]): G1Point {
  let acc = BASE.subtract(BASE);
  points.forEach((p, i) => {
    const m = weights[i] as number;
    if (m === 0 || p.is0()) return;
    const t = p.multiplyUnsafe(BigInt(Math.abs(m)));
    acc = acc.add(m < 0 ? t.negate() : t);
  });
  return acc;
}
// A pool with repeats, opposites and a projective (Z ≠ 1) point, so that the tree meets doublings and cancellations.
const POOL: G1Point[] = [1n, 2n, 3n, 5n, 8n, 13n, 21n].map(key);
POOL.push(POOL[0] as G1Point, (POOL[1] as G1Point).negate(), (POOL[2] as G1Point).add(POOL[3] as G1Point));
POOL.push(BASE.subtract(BASE));

describe("g1WeightedSum (batched affine additions)", () => {
  it("equals the scalar-multiplication sum on random vectors (repeats, opposites, negative and large weights)", () => {
    const weight = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 65, max: 0xffff_ffff }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: POOL.length - 1 }), weight), { maxLength: 24 }),
        (entries) => {
          const points = entries.map(([i]) => POOL[i] as G1Point);
          const weights = entries.map(([, m]) => m);
          expect(g1WeightedSum(points, weights).equals(slowSum(points, weights))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives the identity for an empty input, all-zero weights and a point minus itself", () => {
    const p = POOL[4] as G1Point;
    expect(g1WeightedSum([], []).is0()).toBe(true);
    expect(g1WeightedSum([p, p], [0, 0]).is0()).toBe(true);
    expect(g1WeightedSum([p, p], [1, -1]).is0()).toBe(true);
    expect(g1WeightedSum([p, p.negate()], [7, 7]).is0()).toBe(true);
  });

  it("doubles equal points and sums a long vector of distinct keys exactly", () => {
    const p = POOL[5] as G1Point;
    expect(g1WeightedSum([p, p, p, p], [1, 1, 1, 1]).equals(p.multiplyUnsafe(4n))).toBe(true);
    const keys = Array.from({ length: 200 }, (_, i) => key(BigInt(i + 1)));
    const weights = keys.map((_, i) => (i % 5) + 1);
    // Σ (i+1)·((i mod 5)+1)·G, computed on scalars.
    let s = 0n;
    for (let i = 0; i < 200; i++) s += BigInt(i + 1) * BigInt((i % 5) + 1);
    expect(g1WeightedSum(keys, weights).equals(BASE.multiplyUnsafe(s))).toBe(true);
  });

  it("refuses lengths that differ and weights that are not integers within uint32", () => {
    const p = POOL[0] as G1Point;
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return isThetaError(e) ? e.code : "other";
      }
      return undefined;
    };
    expect(code(() => g1WeightedSum([p], []))).toBe(CryptoErrorCode.BlsAggregateMismatch);
    expect(code(() => g1WeightedSum([p], [1.5]))).toBe(CryptoErrorCode.BlsAggregateMismatch);
    expect(code(() => g1WeightedSum([p], [2 ** 32]))).toBe(CryptoErrorCode.BlsAggregateMismatch);
    expect(code(() => g1WeightedSum([p], [-(2 ** 32 - 1)]))).toBeUndefined();
  });
});

describe("g1GroupSums (many sums in one batch)", () => {
  it("equals the sum of each group, empty groups and cancelling groups giving the identity", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: POOL.length - 1 }), { maxLength: 9 }), { maxLength: 6 }),
        (groups) => {
          const pts = groups.map((g) => g.map((i) => POOL[i] as G1Point));
          const sums = g1GroupSums(pts);
          expect(sums.length).toBe(groups.length);
          pts.forEach((g, j) => {
            expect(
              sums[j]?.equals(
                slowSum(
                  g,
                  g.map(() => 1),
                ),
              ),
            ).toBe(true);
          });
        },
      ),
      { numRuns: 40 },
    );
    const p = POOL[3] as G1Point;
    expect(g1GroupSums([[p, p.negate()], []]).every((s) => s.is0())).toBe(true);
  });
});
