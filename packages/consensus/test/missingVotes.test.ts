import { describe, expect, it } from "vitest";
import { formatBps, missingVotes } from "../src/missingVotes.ts";

const addr = (b: number): Uint8Array => new Uint8Array(20).fill(b);

describe("missingVotes", () => {
  const set = [
    { address: addr(1), stake: 100n },
    { address: addr(2), stake: 100n },
    { address: addr(3), stake: 200n },
  ];
  it("lists the validators without a vote with their share of the stake", () => {
    const r = missingVotes(set, [addr(3), addr(9)]);
    expect(r.missing.map((m) => m.address[0])).toEqual([1, 2]);
    // 100 of 400 each: 25%; together 50%.
    expect(r.missing.map((m) => m.shareBps)).toEqual([2500n, 2500n]);
    expect(r.missingStake).toBe(200n);
    expect(r.missingShareBps).toBe(5000n);
    expect(r.totalStake).toBe(400n);
  });
  it("nothing is missing when everyone voted; everything when no one did", () => {
    expect(missingVotes(set, [addr(1), addr(2), addr(3)]).missing).toEqual([]);
    expect(missingVotes(set, []).missingShareBps).toBe(10_000n);
  });
  it("rounds shares down and counts a validator listed twice once", () => {
    const r = missingVotes(
      [...set, { address: addr(1), stake: 100n }, { address: addr(4), stake: 1n }],
      [addr(3)],
    );
    // total 401: 100/401 = 24.93...%, 1/401 = 0.24...%
    expect(r.totalStake).toBe(401n);
    expect(r.missing.map((m) => m.shareBps)).toEqual([2493n, 2493n, 24n]);
    expect(r.missingShareBps).toBe(5012n);
  });
  it("an empty set has nothing missing and no division by zero", () => {
    expect(missingVotes([], [addr(1)])).toEqual({
      missing: [],
      missingStake: 0n,
      missingShareBps: 0n,
      totalStake: 0n,
    });
  });
  it("formats basis points as a percentage with two decimals", () => {
    expect(formatBps(2500n)).toBe("25.00%");
    expect(formatBps(5012n)).toBe("50.12%");
    expect(formatBps(7n)).toBe("0.07%");
  });
});
