import { bytesToHex } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { buildLocator, locatorHeights } from "../../src/index.ts";
import { buildChain, hashOf, world } from "./world.ts";

describe("the inventory locator", () => {
  it("names the top ten heights one by one, then doubling steps, then the last finalized height", () => {
    const hs = locatorHeights(1000n, 100n);
    expect(hs.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => 1000n - BigInt(i)));
    const gaps = hs.slice(9, -1).map((h, i) => h - (hs[i + 10] as bigint));
    // after the first ten, every step is twice the one before (the last step may be cut by the finalized height)
    for (let i = 1; i < gaps.length - 1; i++) expect(gaps[i]).toBe(2n * (gaps[i - 1] as bigint));
    expect(hs[hs.length - 1]).toBe(100n);
    expect(hs.every((h, i) => i === 0 || h < (hs[i - 1] as bigint))).toBe(true);
  });

  it("is just the finalized height when the tip is finalized", () => {
    expect(locatorHeights(7n, 7n)).toEqual([7n]);
  });

  it("walks parent links from the tip and ends with the last finalized hash", () => {
    const { genesis } = world();
    const chain = buildChain(genesis, 40);
    const byKey = new Map(chain.map((b) => [bytesToHex(hashOf(b)), b]));
    const loc = buildLocator({
      tipHash: hashOf(chain[40]!),
      tipHeight: 40n,
      finalizedHash: hashOf(chain[5]!),
      finalizedHeight: 5n,
      parentOf: (h) => byKey.get(bytesToHex(h))?.header.parent,
    });
    const expected = locatorHeights(40n, 5n).map((h) => hashOf(chain[Number(h)]!));
    expect(loc).toEqual(expected);
  });
});
