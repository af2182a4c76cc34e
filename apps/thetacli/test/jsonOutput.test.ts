import { isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSorted, parseJsonLossless } from "../src/index.ts";

describe("lossless JSON (the node's results)", () => {
  it("round trips any JSON value through parse and the sorted printer", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(JSON.parse(formatSorted(parseJsonLossless(text)))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps integers beyond 2^53 digit for digit", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 2n ** 256n }), (n) => {
        expect(formatSorted(parseJsonLossless(`{"x":${n}}`))).toBe(`{\n    "x": ${n}\n}`);
      }),
    );
  });

  it("random text either parses or throws a ThetaError, never anything else", () => {
    const alphabet = fc.constantFrom(...'{}[]":,0123456789-+.eE \\tnrufals\u0001x'.split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 60 })), (text) => {
        try {
          parseJsonLossless(text);
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses hostile nesting with a ThetaError instead of overflowing the stack", () => {
    let caught: unknown;
    try {
      parseJsonLossless("[".repeat(100_000));
    } catch (e) {
      caught = e;
    }
    expect(isThetaError(caught)).toBe(true);
  });
});
