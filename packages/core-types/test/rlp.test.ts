import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bytesToHex,
  decodeBigInt,
  decodeBool,
  decodeFixedBytes,
  decodeList,
  decodeUint,
  encodeUint,
  hexToBytes,
  isThetaError,
  RlpErrorCode,
  type RlpItem,
  rlpDecode,
  rlpDecodeFirst,
  rlpEncode,
} from "../src/index.ts";

const hex = (item: RlpItem) => bytesToHex(rlpEncode(item));
const u = (v: bigint | number) => encodeUint(v);

describe("rlp encoding matches go-ethereum's canonical form", () => {
  const vectors: Array<[string, RlpItem, string]> = [
    ["Coins(0,0)", [u(0), u(0)], "c28080"],
    ["Coins(333,0)", [u(333), u(0)], "c482014d80"],
    ["Coins(0,111)", [u(0), u(111)], "c2806f"],
    ["tag 0", u(0), "80"],
    ["tag 1", u(1), "01"],
    ["tag 10", u(10), "0a"],
    ["tag 11", u(11), "0b"],
    ["uint 127", u(127), "7f"],
    ["uint 128", u(128), "8180"],
    ["uint 2^64-1", u(2n ** 64n - 1n), "88ffffffffffffffff"],
    ["empty list", [], "c0"],
    ["55-byte string", new Uint8Array(55), `b7${"00".repeat(55)}`],
    ["56-byte string", new Uint8Array(56), `b838${"00".repeat(56)}`],
    ["1024-byte string", new Uint8Array(1024), `b90400${"00".repeat(1024)}`],
    ["nested", [[], [[]], [[], [[]]]], "c7c0c1c0c3c0c1c0"],
  ];
  let ran = 0;
  for (const [name, item, expected] of vectors) {
    it(name, () => {
      expect(hex(item)).toBe(expected);
      expect(rlpEncode(rlpDecode(hexToBytes(expected)))).toEqual(hexToBytes(expected));
      ran++;
    });
  }
  it("ran every encoding vector", () => expect(ran).toBe(15));
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (isThetaError(e)) return e.code;
    throw e;
  }
}

describe("rlp decoding is strict", () => {
  const d = (h: string) => () => rlpDecode(hexToBytes(h));
  it("rejects a single byte below 0x80 wrapped in a string header", () =>
    expect(codeOf(d("8105"))).toBe(RlpErrorCode.NonCanonicalSize));
  it("rejects the long form for a short string", () =>
    expect(codeOf(d("b80100"))).toBe(RlpErrorCode.NonCanonicalSize));
  it("rejects the long form for a short list", () =>
    expect(codeOf(d("f80180"))).toBe(RlpErrorCode.NonCanonicalSize));
  it("rejects a length prefix with a leading zero", () =>
    expect(codeOf(d(`b90038${"00".repeat(56)}`))).toBe(RlpErrorCode.NonCanonicalSize));
  it("rejects a length past the end", () => expect(codeOf(d("83aabb"))).toBe(RlpErrorCode.Truncated));
  it("rejects a list child past the list's end", () =>
    expect(codeOf(d("c283aabbcc"))).toBe(RlpErrorCode.Truncated));
  it("rejects trailing bytes", () => expect(codeOf(d("8080"))).toBe(RlpErrorCode.TrailingBytes));
  it("rejects empty input", () => expect(codeOf(d(""))).toBe(RlpErrorCode.Truncated));
  it("rejects integers with leading zeros, 0x00 included", () => {
    expect(codeOf(() => decodeUint(hexToBytes("00"), "n", 64))).toBe(RlpErrorCode.NonCanonicalInt);
    expect(codeOf(() => decodeUint(hexToBytes("0001"), "n", 64))).toBe(RlpErrorCode.NonCanonicalInt);
    expect(codeOf(() => decodeBigInt(hexToBytes("00ff"), "n"))).toBe(RlpErrorCode.NonCanonicalInt);
  });
  it("rejects integers wider than the target type", () => {
    expect(codeOf(() => decodeUint(hexToBytes("0100"), "purpose", 8))).toBe(RlpErrorCode.IntOverflow);
    expect(codeOf(() => decodeUint(hexToBytes("010000"), "tag", 16))).toBe(RlpErrorCode.IntOverflow);
    expect(decodeUint(hexToBytes("ffffffffffffffff"), "seq", 64)).toBe(2n ** 64n - 1n);
    expect(codeOf(() => decodeUint(hexToBytes("010000000000000000"), "seq", 64))).toBe(
      RlpErrorCode.IntOverflow,
    );
  });
  it("accepts only 0x80 and 0x01 as booleans", () => {
    expect(decodeBool(new Uint8Array(0), "b")).toBe(false);
    expect(decodeBool(Uint8Array.of(1), "b")).toBe(true);
    expect(codeOf(() => decodeBool(Uint8Array.of(2), "b"))).toBe(RlpErrorCode.InvalidBool);
    expect(codeOf(() => decodeBool(Uint8Array.of(0), "b"))).toBe(RlpErrorCode.InvalidBool);
  });
  it("requires fixed arrays of the exact length", () => {
    expect(codeOf(() => decodeFixedBytes(new Uint8Array(19), 20, "address"))).toBe(RlpErrorCode.WrongLength);
    expect(codeOf(() => decodeFixedBytes(new Uint8Array(21), 20, "address"))).toBe(RlpErrorCode.WrongLength);
    expect(codeOf(() => decodeFixedBytes([], 20, "address"))).toBe(RlpErrorCode.WrongKind);
  });
  it("requires structs to have exactly their element count", () => {
    expect(codeOf(() => decodeList([u(1)], "coins", 2))).toBe(RlpErrorCode.WrongElementCount);
    expect(codeOf(() => decodeList([u(1), u(2), u(3)], "coins", 2))).toBe(RlpErrorCode.WrongElementCount);
    expect(codeOf(() => decodeList(u(1), "coins", 2))).toBe(RlpErrorCode.WrongKind);
  });
  it("names the field in the message", () => {
    expect(() => decodeUint(hexToBytes("00"), "tx.inputs[0].sequence", 64)).toThrow(
      /tx\.inputs\[0\]\.sequence/,
    );
  });
  it("bounds nesting depth with a typed error instead of exhausting the stack", () => {
    let item: RlpItem = [];
    for (let i = 0; i < 1000; i++) item = [item];
    const deep = rlpEncode(item);
    expect(codeOf(() => rlpDecode(deep))).toBe(RlpErrorCode.TooDeep);
  });
  it("rlpDecodeFirst reports where the item ended and leaves the rest", () => {
    const { item, end } = rlpDecodeFirst(hexToBytes("02c28080ff"), 1);
    expect(end).toBe(4);
    expect(hex(item)).toBe("c28080");
  });
});

const itemArb: fc.Arbitrary<RlpItem> = fc.letrec<{ item: RlpItem }>((tie) => ({
  item: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.uint8Array({ maxLength: 80 }),
    fc.array(tie("item"), { maxLength: 5 }),
  ),
})).item;

describe("rlp properties", () => {
  it("decode(encode(x)) = x and re-encoding is identical", () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const enc = rlpEncode(item);
        const dec = rlpDecode(enc);
        expect(rlpEncode(dec)).toEqual(enc);
        expect(JSON.stringify(dec, (_k, v) => (v instanceof Uint8Array ? bytesToHex(v) : v))).toBe(
          JSON.stringify(item, (_k, v) => (v instanceof Uint8Array ? bytesToHex(v) : v)),
        );
      }),
      { numRuns: 2000 },
    );
  });
  it("integers round trip through encodeUint/decodeBigInt", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 300n }), (v) => {
        expect(decodeBigInt(rlpDecode(rlpEncode(encodeUint(v))), "v")).toBe(v);
      }),
    );
  });
  it("100,000 random byte strings decode or fail with a ThetaError", () => {
    let decoded = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const item = rlpDecode(bytes);
          expect(rlpEncode(item)).toEqual(bytes); // anything accepted is canonical
          decoded++;
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
          rejected++;
        }
      }),
      { numRuns: 100_000 },
    );
    expect(decoded + rejected).toBe(100_000);
  });
});

describe("encodeUint", () => {
  it("agrees between its number fast path and the bigint path, and refuses non-integers", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 80n }), (v) => {
        const big = encodeUint(v);
        if (v <= BigInt(Number.MAX_SAFE_INTEGER)) expect(encodeUint(Number(v))).toEqual(big);
        expect(decodeBigInt(big, "v")).toBe(v);
      }),
      { numRuns: 2000 },
    );
    expect(() => encodeUint(1.5)).toThrow(/non-negative integer/);
    expect(() => encodeUint(-1)).toThrow(/non-negative integer/);
  });
});
