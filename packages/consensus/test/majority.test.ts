import { describe, expect, it } from "vitest";
import { exceedsTwoThirds, goProposerScale, hasMajority } from "../src/index.ts";

const addr = (b: number): Uint8Array => new Uint8Array(20).fill(b);

describe("2/3 rule (docs/consensus.md §2.6, §7.7)", () => {
  const set = [1, 2, 3].map((b) => ({ address: addr(b), stake: 1n }));
  it("stakes {1,1,1}: two voters fail (6 > 6 is false)", () => {
    expect(hasMajority(set, [addr(1), addr(2)])).toBe(false);
  });
  it("stakes {1,1,1}: three voters pass", () => {
    expect(hasMajority(set, [addr(1), addr(2), addr(3)])).toBe(true);
  });
  it("non-members and duplicates contribute nothing", () => {
    expect(hasMajority(set, [addr(1), addr(1), addr(2), addr(9)])).toBe(false);
  });
  it("exceedsTwoThirds is strict", () => {
    expect(exceedsTwoThirds(2n, 3n)).toBe(false);
    expect(exceedsTwoThirds(3n, 3n)).toBe(true);
  });
});

describe("proposer scale f (docs/consensus.md §7.7)", () => {
  it("total 100M THETA gives f = floor(10^26 / 4294967295) + 1", () => {
    const total = 100_000_000n * 10n ** 18n;
    expect(goProposerScale(total)).toBe(10n ** 26n / 4294967295n + 1n);
    expect(total / goProposerScale(total) < 4294967296n).toBe(true);
  });
});
