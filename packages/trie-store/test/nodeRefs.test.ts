/** What nodeRefs reads out of a node encoding: 32-byte child references and leaf values. */
import { bytesToHex, rlpEncode } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { nodeRefs } from "../src/index.ts";

const h = (i: number) => new Uint8Array(32).fill(i);
const EMPTY = new Uint8Array(0);
const hexes = (xs: Uint8Array[]) => xs.map(bytesToHex);
const refsOf = (item: Parameters<typeof rlpEncode>[0]) => {
  const r = nodeRefs(rlpEncode(item));
  return { children: hexes(r.children), values: hexes(r.values) };
};

describe("nodeRefs", () => {
  it("a branch: its 32-byte children in slot order and its value", () => {
    const items = Array.from({ length: 16 }, () => EMPTY);
    items[0] = h(1);
    items[15] = h(2);
    items[7] = new Uint8Array(31).fill(3); // not a reference
    expect(refsOf([...items, Uint8Array.of(5)])).toEqual({ children: hexes([h(1), h(2)]), values: ["05"] });
    expect(refsOf([...items, EMPTY])).toEqual({ children: hexes([h(1), h(2)]), values: [] });
  });

  it("a 32-byte branch value is a value, not a child", () => {
    const items = Array.from({ length: 16 }, () => EMPTY);
    expect(refsOf([...items, h(7)])).toEqual({ children: [], values: hexes([h(7)]) });
  });

  it("a branch with an embedded child walks into it", () => {
    const items: Parameters<typeof rlpEncode>[0][] = Array.from({ length: 16 }, () => EMPTY);
    items[3] = [Uint8Array.of(0x20), Uint8Array.of(0x77)];
    items[4] = h(9);
    expect(refsOf([...items, EMPTY])).toEqual({ children: hexes([h(9)]), values: ["77"] });
  });

  it("a leaf (even or odd path flag) holds a value; an extension (flags 0 and 1) a child", () => {
    expect(refsOf([Uint8Array.of(0x20, 0x12), Uint8Array.of(1, 2)])).toEqual({
      children: [],
      values: ["0102"],
    });
    expect(refsOf([Uint8Array.of(0x31), Uint8Array.of(3)])).toEqual({ children: [], values: ["03"] });
    expect(refsOf([Uint8Array.of(0x00, 0x12), h(4)])).toEqual({ children: hexes([h(4)]), values: [] });
    expect(refsOf([Uint8Array.of(0x11), h(5)])).toEqual({ children: hexes([h(5)]), values: [] });
  });

  it("an extension to an embedded branch walks into it; a leaf whose value is a list holds none", () => {
    const inner = Array.from({ length: 16 }, () => EMPTY);
    inner[2] = h(6);
    expect(refsOf([Uint8Array.of(0x00, 0x01), [...inner, Uint8Array.of(8)]])).toEqual({
      children: hexes([h(6)]),
      values: ["08"],
    });
    expect(refsOf([Uint8Array.of(0x20), [Uint8Array.of(1)]])).toEqual({ children: [], values: [] });
  });

  it("an empty path is not a leaf; a list path is not a leaf; other shapes hold nothing", () => {
    expect(refsOf([EMPTY, h(7)])).toEqual({ children: hexes([h(7)]), values: [] });
    expect(refsOf([[Uint8Array.of(0x20)], h(8)])).toEqual({ children: hexes([h(8)]), values: [] });
    expect(refsOf([h(1), h(2), h(3)])).toEqual({ children: [], values: [] });
    expect(refsOf(h(1))).toEqual({ children: [], values: [] });
  });
});
