/** The 2/3 rule with unequal stakes, and the stake index behind it. */
import { bytesToHex } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { exceedsTwoThirds, hasMajority, hasMajorityByKeys, totalStake } from "../src/majority.ts";
import { stakeIndex } from "../src/validator/stakeIndex.ts";

const addr = (b: number): Uint8Array => new Uint8Array(20).fill(b);
const key = (b: number) => bytesToHex(addr(b));
// total 10: 3·part > 20 needs part ≥ 7
const set = [
  { address: addr(1), stake: 5n },
  { address: addr(2), stake: 2n },
  { address: addr(3), stake: 2n },
  { address: addr(4), stake: 1n },
];

describe("stake-weighted majority", () => {
  it("totalStake sums the stakes; an empty set has none", () => {
    expect(totalStake(set)).toBe(10n);
    expect(totalStake([])).toBe(0n);
  });

  it("weighs voters by stake: 5+2 = 7 of 10 passes, 5+1 = 6 fails", () => {
    expect(hasMajority(set, [addr(1), addr(2)])).toBe(true);
    expect(hasMajority(set, [addr(1), addr(4)])).toBe(false);
    expect(hasMajority(set, [addr(2), addr(3), addr(4)])).toBe(false);
    expect(hasMajority(set, [])).toBe(false);
  });

  it("by keys: the same line, non-members count nothing", () => {
    expect(hasMajorityByKeys(set, [key(1), key(3)])).toBe(true);
    expect(hasMajorityByKeys(set, [key(1), key(4), key(9)])).toBe(false);
    expect(hasMajorityByKeys(set, new Set([key(1), key(2), key(3), key(4)]))).toBe(true);
  });

  it("exceedsTwoThirds: 3·part > 2·total exactly", () => {
    expect(exceedsTwoThirds(7n, 10n)).toBe(true);
    expect(exceedsTwoThirds(6n, 9n)).toBe(false);
    expect(exceedsTwoThirds(7n, 9n)).toBe(true);
    expect(exceedsTwoThirds(0n, 0n)).toBe(false);
    expect(exceedsTwoThirds(1n, 0n)).toBe(true);
  });
});

describe("stakeIndex", () => {
  it("indexes stake by lowercase hex address, adding the stakes of an address listed twice", () => {
    const idx = stakeIndex([...set, { address: addr(2), stake: 3n }]);
    expect(idx.total).toBe(13n);
    expect(idx.byAddress.get(key(2))).toBe(5n);
    expect(idx.byAddress.get(key(1))).toBe(5n);
    expect(idx.byAddress.size).toBe(4);
  });

  it("returns the same index for the same array, a new one for another array", () => {
    const a = [...set];
    expect(stakeIndex(a)).toBe(stakeIndex(a));
    const b = [...set];
    expect(stakeIndex(b)).not.toBe(stakeIndex(a));
    expect(stakeIndex(b)).toEqual(stakeIndex(a));
  });
});
