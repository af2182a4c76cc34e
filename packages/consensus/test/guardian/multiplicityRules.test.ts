import { describe, expect, it } from "vitest";
import {
  abs,
  MultiplicityErrorCode,
  maxEntry,
  mergeMultiplicities,
  pickMultiplicities,
} from "../../src/guardian/multiplicity.ts";
import { thrown } from "../thrown.ts";

/** The multiplicity arithmetic of AggregatedVotes (docs/consensus.md §3.3) at its edges. */

describe("multiplicity edges", () => {
  it("counts distinct signers and the largest entry", () => {
    expect(abs(Uint32Array.of())).toBe(0);
    expect(abs(Uint32Array.of(0, 3, 0, 1))).toBe(2);
    expect(maxEntry(Uint32Array.of())).toBe(0);
    expect(maxEntry(Uint32Array.of(2, 9, 4))).toBe(9);
    expect(maxEntry(Uint32Array.of(0xffffffff, 1))).toBe(0xffffffff);
  });

  it("a sum of exactly 2^32 - 1 is fine, one more overflows with a stable code", () => {
    expect(Array.from(mergeMultiplicities(Uint32Array.of(0xfffffffe, 0), Uint32Array.of(1, 1))!)).toEqual([
      0xffffffff, 1,
    ]);
    const e = thrown(() => mergeMultiplicities(Uint32Array.of(0xffffffff, 0), Uint32Array.of(1, 1)));
    expect(e.code).toBe(MultiplicityErrorCode.Overflow);
    expect(e.message).toContain("multiplies[0]");
  });

  it("lengths must match, whatever the entries", () => {
    const e = thrown(() => mergeMultiplicities(Uint32Array.of(0, 0), Uint32Array.of(0, 0, 0)));
    expect(e.code).toBe(MultiplicityErrorCode.LengthMismatch);
    expect(e.message).toContain("got 2 and 3");
  });

  it("a signer added at the last position counts; a merge never changes its inputs", () => {
    const a = Uint32Array.of(1, 0);
    const b = Uint32Array.of(2, 1);
    expect(Array.from(mergeMultiplicities(a, b)!)).toEqual([3, 1]);
    expect(Array.from(a)).toEqual([1, 0]);
    expect(mergeMultiplicities(Uint32Array.of(1, 1), Uint32Array.of(0, 5))).toBeUndefined();
  });

  it("pick prefers strictly more signers", () => {
    const a = Uint32Array.of(1, 1, 0);
    const b = Uint32Array.of(0, 0, 9);
    expect(pickMultiplicities(a, b)).toBe(a);
    expect(pickMultiplicities(b, a)).toBe(a);
  });
});
