import { isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAmount } from "../src/index.ts";

describe("amount syntax (docs/interfaces.md §2.1)", () => {
  it("reads whole tokens, fractions, exponents and wei", () => {
    expect(parseAmount("10")).toBe(10n * 10n ** 18n);
    expect(parseAmount("0.5")).toBe(5n * 10n ** 17n);
    expect(parseAmount("1000000000wei")).toBe(1_000_000_000n);
    expect(parseAmount("300000000000000000WEI")).toBe(3n * 10n ** 17n);
    expect(parseAmount("1e3")).toBe(1000n * 10n ** 18n);
    expect(parseAmount(".25")).toBe(25n * 10n ** 16n);
    expect(parseAmount("1.5e-18")).toBe(1n); // fractional wei truncate toward zero
    expect(parseAmount("12.9wei")).toBe(12n);
  });
  it("refuses negative and malformed amounts with a message naming the flag", () => {
    for (const bad of ["-1", "abc", "1..2", "", "wei", "0x10"]) {
      let caught: unknown;
      try {
        parseAmount(bad, "--tfuel");
      } catch (e) {
        caught = e;
      }
      expect(isThetaError(caught)).toBe(true);
      expect((caught as Error).message).toContain("--tfuel");
    }
  });
  it("property: n wei and whole tokens read exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (n) => {
        expect(parseAmount(`${n}wei`)).toBe(n);
        expect(parseAmount(`${n}`)).toBe(n * 10n ** 18n);
      }),
    );
  });
});
