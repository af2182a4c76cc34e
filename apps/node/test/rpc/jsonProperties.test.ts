import { goHexToBytes, isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeGoHex, decodeGoHexPrefixed } from "../../src/rpc/json/goHex.ts";
import { JsonNumber, jsonNumber, stringifyExact, stringifyJson } from "../../src/rpc/json/jsonText.ts";
import { RpcThetaCode } from "../../src/rpc/rpcError.ts";

const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("stringifyJson", () => {
  it("writes every JSON value exactly as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stringifyJson(v)).toBe(JSON.stringify(v));
      }),
    );
  });

  it("writes JsonNumber digits verbatim, however large", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 256n), max: 2n ** 256n }), fc.string(), (n, k) => {
        const text = stringifyJson({ [k]: jsonNumber(n), list: [jsonNumber(n)] });
        expect(text).toBe(`{${JSON.stringify(k)}:${n},"list":[${n}]}`);
        expect(new JsonNumber(n).digits).toBe(n.toString());
      }),
    );
  });

  it("stays exact when a genuine string looks like its internal marker", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 60n, max: 2n ** 80n }), fc.nat(3), (n, i) => {
        const mimic = `\u0000N${i}`;
        const value = { a: mimic, b: [jsonNumber(n), mimic], [mimic]: jsonNumber(n) };
        const text = stringifyJson(value);
        expect(text).toBe(
          `{"a":${JSON.stringify(mimic)},"b":[${n},${JSON.stringify(mimic)}],${JSON.stringify(mimic)}:${n}}`,
        );
        expect(text).toBe(stringifyExact(value));
      }),
    );
  });

  it("writes the same text on the fast and the exact path", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 1 }),
        fc.bigInt().map(jsonNumber),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(stringifyJson(v)).toBe(stringifyExact(v));
      }),
    );
  });

  it("refuses a bigint; the exact writer also refuses anything else JSON cannot carry", () => {
    expect(() => stringifyJson({ a: [1n] })).toThrow(TypeError);
    expect(() => stringifyJson(undefined)).toThrow(TypeError);
    for (const bad of [
      1n,
      new Uint8Array(2),
      Number.NaN,
      Number.POSITIVE_INFINITY,
      () => 1,
      new Map(),
      Symbol("s"),
    ]) {
      expect(() => stringifyExact({ a: [bad] })).toThrow(TypeError);
    }
    expect(stringifyExact({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(JSON.stringify({ n: jsonNumber(2n ** 70n) })).toBe(`{"n":"${2n ** 70n}"}`);
  });
});

describe("decodeGoHex", () => {
  it("round-trips any bytes, in either case, with or without a 0x for the prefixed form", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, upper) => {
        const text = upper ? hexOf(bytes).toUpperCase() : hexOf(bytes);
        expect(decodeGoHex(text)).toEqual(bytes);
        expect(decodeGoHexPrefixed(`0x${text}`)).toEqual(bytes);
        expect(decodeGoHexPrefixed(text)).toEqual(bytes);
      }),
    );
  });

  it("either decodes any string or throws a ThetaError with an encoding/hex text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(..."0123456789abcdefxX g") })),
        (s) => {
          try {
            const out = decodeGoHex(s);
            expect(out.length * 2).toBe(new TextEncoder().encode(s).length);
          } catch (e) {
            expect(isThetaError(e, RpcThetaCode.HandlerError)).toBe(true);
            expect((e as Error).message).toMatch(
              /^encoding\/hex: (invalid byte: U\+[0-9A-F]{4}( '.')?|odd length hex string)$/u,
            );
          }
        },
      ),
    );
  });
});

describe("goHexToBytes, the RPC's reading of plain address and hash arguments (Go HexToAddress / HexToHash)", () => {
  it("never throws and always yields the requested length", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(20, 32), (s, n) => {
        expect(goHexToBytes(s, n)).toHaveLength(n);
      }),
    );
  });

  it("round-trips values of the right length in any case and prefix form", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.constantFrom("", "0x", "0X"),
        fc.boolean(),
        (b, p, up) => {
          const text = p + (up ? hexOf(b).toUpperCase() : hexOf(b));
          expect(goHexToBytes(text, 20)).toEqual(b);
        },
      ),
    );
  });

  it("keeps the rightmost bytes of long input and left-pads short input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const out = goHexToBytes(hexOf(b), 20);
        const kept = b.length > 20 ? b.subarray(b.length - 20) : b;
        expect(out.subarray(20 - kept.length)).toEqual(kept);
        expect(out.subarray(0, 20 - kept.length).every((x) => x === 0)).toBe(true);
      }),
    );
  });
});
