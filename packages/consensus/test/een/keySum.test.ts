import { bytesToHex } from "@theta/core-types";
import { blsPublicKey, type G1Point } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectiveKeySum } from "../../src/een/projectiveKeySum.ts";
import { createBlsEenCrypto, type EenPublicKey } from "../../src/index.ts";

const fast = createBlsEenCrypto();
const naive = createBlsEenCrypto({ keySum: projectiveKeySum });
const N = 12;
const keys: EenPublicKey[] = Array.from({ length: N }, (_, i) =>
  fast.publicKey(blsPublicKey({ scalar: BigInt(1000 + 7 * i) }).bytes),
);
const bytesOf = (k: EenPublicKey | undefined): string | undefined =>
  k === undefined ? undefined : bytesToHex((k as unknown as { bytes: Uint8Array }).bytes);
const pointOf = (k: EenPublicKey): G1Point => (k as unknown as { point: G1Point }).point;

describe("EEN aggregate key: the batched sum equals the naive per-signer sum", () => {
  it("on random multiplicity vectors over a fixed key set (empty, partial and full vectors)", () => {
    const vector = fc.array(
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 300 })),
      {
        minLength: N,
        maxLength: N,
      },
    );
    fc.assert(
      fc.property(vector, (m) => {
        const idx = m.flatMap((v, i) => (v === 0 ? [] : [i]));
        const ks = idx.map((i) => keys[i] as EenPublicKey);
        const ms = idx.map((i) => m[i] as number);
        expect(bytesOf(fast.combineKeys(undefined, ks, ms))).toBe(
          bytesOf(naive.combineKeys(undefined, ks, ms)),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("from a base key with negative differences, as the difference path uses it", () => {
    const base = naive.combineKeys(
      undefined,
      keys,
      keys.map(() => 2),
    ) as EenPublicKey;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2, max: 3 }), { minLength: N, maxLength: N }), (d) => {
        const idx = d.flatMap((v, i) => (v === 0 ? [] : [i]));
        const ks = idx.map((i) => keys[i] as EenPublicKey);
        const ds = idx.map((i) => d[i] as number);
        expect(bytesOf(fast.combineKeys(base, ks, ds))).toBe(bytesOf(naive.combineKeys(base, ks, ds)));
      }),
      { numRuns: 30 },
    );
  });

  it("gives no key for the identity (an empty vector, or a base cancelled exactly)", () => {
    expect(fast.combineKeys(undefined, [], [])).toBeUndefined();
    const k0 = keys[0] as EenPublicKey;
    const k1 = keys[1] as EenPublicKey;
    const base = fast.combineKeys(undefined, [k0, k1], [3, 1]) as EenPublicKey;
    expect(fast.combineKeys(base, [k0, k1], [-3, -1])).toBeUndefined();
    expect(naive.combineKeys(base, [k0, k1], [-3, -1])).toBeUndefined();
    // 3·k0 + k1 on scalars: (3·1000 + 1007)·G.
    expect(pointOf(base).equals(blsPublicKey({ scalar: 3n * 1000n + 1007n }).point)).toBe(true);
  });
});
