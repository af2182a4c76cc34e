import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFrameDecoder, encodeFrame, encodeFrames } from "../src/frames.ts";

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}

describe("direct frames", () => {
  it("prefixes the unsigned-varint length (LEB128)", () => {
    expect([...encodeFrame(new Uint8Array(0))]).toEqual([0]);
    expect([...encodeFrame(Uint8Array.of(9))]).toEqual([1, 9]);
    expect([...encodeFrame(new Uint8Array(300)).subarray(0, 2)]).toEqual([0xac, 0x02]);
    expect(encodeFrame(new Uint8Array(16384)).subarray(0, 3)).toEqual(Uint8Array.of(0x80, 0x80, 0x01));
  });

  it("property: frames come back whole and in order, however the stream is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bodies, cuts) => {
          const decoder = createFrameDecoder(400);
          const got: Uint8Array[] = [];
          for (const chunk of split(concat(bodies.map(encodeFrame)), cuts)) {
            const r = decoder.push(chunk);
            expect(r.error).toBeUndefined();
            got.push(...r.frames);
          }
          expect(got).toEqual(bodies);
        },
      ),
    );
  });

  it("refuses an announced length over the limit as soon as the prefix says so", () => {
    const decoder = createFrameDecoder(1000);
    expect(decoder.push(encodeFrame(new Uint8Array(1000))).frames).toHaveLength(1);
    const over = encodeFrame(new Uint8Array(1001)).subarray(0, 2); // the prefix only
    expect(decoder.push(over)).toEqual({ frames: [], error: "oversized" });
    expect(decoder.push(encodeFrame(Uint8Array.of(1))).error).toBe("oversized");
  });

  it("refuses a length prefix longer than the limit's, even of zeros (no body is ever buffered)", () => {
    const decoder = createFrameDecoder(1000); // 1000 fits in two varint bytes
    expect(decoder.push(Uint8Array.of(0x80, 0x80, 0x00)).error).toBe("oversized");
  });

  it("property: frames written together are the bytes of the frames one by one, and decode to the same bodies", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (bodies, cuts) => {
          const together = encodeFrames(bodies);
          expect(together).toEqual(concat(bodies.map(encodeFrame)));
          const decoder = createFrameDecoder(1024);
          const out = split(together, cuts).flatMap((chunk) => decoder.push(chunk).frames);
          expect(out).toEqual(bodies);
        },
      ),
      { numRuns: 300 },
    );
  });
});
