import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../src/bytes.ts";

describe("bytesToHex", () => {
  it("matches Node's hex encoding for every length (short and long paths) and round-trips", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), (bytes) => {
        const hex = bytesToHex(bytes);
        expect(hex).toBe(Buffer.from(bytes).toString("hex"));
        expect(hexToBytes(hex)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });
  it("encodes every byte value on the long path", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToHex(all)).toBe(Buffer.from(all).toString("hex"));
    expect(bytesToHex(all.subarray(250, 256))).toBe("fafbfcfdfeff");
  });
});
