import { keccak_256 } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWasmKeccak256, nativeBackend } from "../src/index.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("keccak256 on the WebAssembly sponge", () => {
  const keccak = createWasmKeccak256();
  it("the empty input's digest (the empty code hash)", () => {
    expect(hex(keccak(new Uint8Array(0)))).toBe(
      "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
  });
  it("equals noble's keccak_256 for every length 0..700 (every padding case around the 136-byte rate)", () => {
    let checked = 0;
    for (let len = 0; len <= 700; len++) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 31 + len) & 0xff);
      expect(hex(keccak(data))).toBe(hex(keccak_256(data)));
      checked++;
    }
    expect(checked).toBe(701);
  });
  it("property: random inputs, including ones that make the module grow its memory, and subarray views", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(10), (data, skip) => {
        const view = data.subarray(Math.min(skip, data.length));
        expect(hex(keccak(view))).toBe(hex(keccak_256(view)));
        expect(hex(nativeBackend.keccak256(view))).toBe(hex(keccak_256(view)));
      }),
      { numRuns: 500 },
    );
    const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
    expect(hex(keccak(big))).toBe(hex(keccak_256(big)));
    expect(hex(keccak(new Uint8Array([1, 2, 3])))).toBe(hex(keccak_256(new Uint8Array([1, 2, 3]))));
  });
});
