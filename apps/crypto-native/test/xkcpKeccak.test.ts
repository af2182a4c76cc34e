import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keccak256Xkcp, nativeBackend, WASM_KECCAK_BELOW } from "../src/index.ts";

const hex = bytesToHex;
const input = (len: number, salt = 0) =>
  Uint8Array.from({ length: len }, (_, i) => (i * 13 + len + salt) & 0xff);

describe("keccak256 on XKCP (the keccak package's documented API)", () => {
  it("the empty input's digest (the empty code hash)", () => {
    expect(hex(keccak256Xkcp(new Uint8Array(0)))).toBe(
      "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
  });

  it("equals noble's keccak_256 around the rate and on long inputs", () => {
    const lengths = [1, 135, 136, 137, 271, 272, 273, 1000, 65_536, 1 << 20];
    for (const len of lengths)
      expect(hex(keccak256Xkcp(input(len))), `${len}`).toBe(hex(keccak_256(input(len))));
    expect(lengths).toHaveLength(10);
  });

  it("hashes a subarray view, not the whole buffer behind it, and calls do not share state", () => {
    const whole = input(10_000);
    const view = whole.subarray(17, 5_017);
    expect(hex(keccak256Xkcp(view))).toBe(hex(keccak_256(view)));
    const a = keccak256Xkcp(input(5_000, 1));
    keccak256Xkcp(input(7_000, 2));
    expect(hex(a)).toBe(hex(keccak_256(input(5_000, 1))));
  });

  it("the backend agrees with noble on both sides of the WebAssembly/XKCP threshold", () => {
    for (const len of [
      WASM_KECCAK_BELOW - 1,
      WASM_KECCAK_BELOW,
      WASM_KECCAK_BELOW + 1,
      3 * WASM_KECCAK_BELOW,
    ]) {
      expect(hex(nativeBackend.keccak256(input(len))), `${len}`).toBe(hex(keccak_256(input(len))));
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: WASM_KECCAK_BELOW, maxLength: 3 * WASM_KECCAK_BELOW }), (d) => {
        expect(hex(nativeBackend.keccak256(d))).toBe(hex(keccak_256(d)));
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});
