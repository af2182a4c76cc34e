import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, goHexToBytes } from "../src/index.ts";

const hex = (text: string, length: number) => bytesToHex(goHexToBytes(text, length));

describe("goHexToBytes (Go's HexToAddress / HexToHash)", () => {
  it("left-pads short input and keeps the rightmost bytes of long input", () => {
    expect(hex("0x01", 4)).toBe("00000001");
    expect(hex("0X0102", 4)).toBe("00000102");
    expect(hex("0x0102030405", 4)).toBe("02030405");
    expect(hex("", 2)).toBe("0000");
  });

  it("reads an odd length as if a 0 led it, in any case", () => {
    expect(hex("0xabc", 2)).toBe("0abc");
    expect(hex("ABC", 2)).toBe("0abc");
  });

  it("stops at the first pair that is not hex, keeping the bytes before it", () => {
    expect(hex("0x12zz34", 4)).toBe("00000012");
    expect(hex("0xg1", 2)).toBe("0000");
    expect(hex("12 345", 2)).toBe("0012"); // even length: "12", then " 3" stops
    expect(hex("12 34", 2)).toBe("0001"); // odd length: a 0 leads, "01", then "2 " stops
  });

  it("never throws and always returns exactly `length` bytes", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 64 }), (text, length) => {
        expect(goHexToBytes(text, length)).toHaveLength(length);
      }),
    );
  });
});
