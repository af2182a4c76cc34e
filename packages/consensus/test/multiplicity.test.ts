import { ThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abs, maxEntry, mergeMultiplicities, pickMultiplicities } from "../src/index.ts";

const vec = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }).map((a) => Uint32Array.from(a));

describe("multiplicity merge rules (AggregatedVotes, docs/consensus.md §3.3)", () => {
  it("merge is the element-wise sum, or undefined when b adds no new signer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(vec(n), vec(n))),
        ([a, b]) => {
          const m = mergeMultiplicities(a, b);
          const addsSigner = a.some((x, i) => x === 0 && (b[i] as number) !== 0);
          if (!addsSigner) {
            expect(m).toBeUndefined();
            return;
          }
          expect(m).toBeDefined();
          const out = m as Uint32Array;
          for (let i = 0; i < a.length; i++) expect(out[i]).toBe((a[i] as number) + (b[i] as number));
          expect(abs(out)).toBeGreaterThan(abs(a));
          expect(maxEntry(out)).toBeGreaterThanOrEqual(maxEntry(a));
        },
      ),
    );
  });

  it("rejects uint32 overflow and length mismatch with ThetaError", () => {
    expect(() => mergeMultiplicities(Uint32Array.of(0, 0xffffffff), Uint32Array.of(1, 1))).toThrow(
      ThetaError,
    );
    expect(() => mergeMultiplicities(Uint32Array.of(0), Uint32Array.of(1, 1))).toThrow(ThetaError);
  });

  it("pick keeps the vector with more signers, a on ties", () => {
    const a = Uint32Array.of(1, 0, 0);
    const b = Uint32Array.of(0, 5, 0);
    const c = Uint32Array.of(0, 1, 1);
    expect(pickMultiplicities(a, b)).toBe(a);
    expect(pickMultiplicities(a, c)).toBe(c);
  });
});
