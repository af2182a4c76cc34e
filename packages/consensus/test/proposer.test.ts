import { ThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom, selectProposer, sortByAddress } from "../src/index.ts";

const entry = (b: number, stake: bigint) => ({ address: new Uint8Array(20).fill(b), stake });

describe("selectProposer", () => {
  it("is deterministic in the epoch and independent of input order", () => {
    const vals = [entry(3, 40n), entry(1, 10n), entry(2, 30n), entry(4, 20n)];
    for (let e = 0n; e < 50n; e++) {
      const a = selectProposer(vals, e);
      const b = selectProposer([...vals].reverse(), e);
      expect(a.index).toBe(b.index);
      expect(a.validator).toBe(sortByAddress(vals)[a.index]);
    }
  });

  it("always returns a validator with positive stake (no gap case) for random sets and epochs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 27n }), { minLength: 1, maxLength: 40 }),
        fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }),
        (stakes, epoch) => {
          fc.pre(stakes.some((s) => s > 0n));
          const vals = stakes.map((s, i) => entry(i, s));
          const { validator } = selectProposer(vals, epoch);
          expect(validator.stake > 0n).toBe(true);
        },
      ),
    );
  });

  it("draws each validator with frequency close to its stake share", () => {
    const vals = [entry(1, 1n), entry(2, 3n)];
    let heavy = 0;
    const epochs = 4000;
    for (let e = 0; e < epochs; e++) if (selectProposer(vals, BigInt(e)).index === 1) heavy++;
    const share = heavy / epochs;
    expect(Math.abs(share - 0.75)).toBeLessThan(0.05);
  });

  it("rejects an empty set and a zero-stake set with ThetaError", () => {
    expect(() => selectProposer([], 1n)).toThrow(ThetaError);
    expect(() => selectProposer([entry(1, 0n)], 1n)).toThrow(ThetaError);
  });
});

describe("createSeededRandom", () => {
  it("replays the same sequence for the same seed", () => {
    const a = createSeededRandom(42n);
    const b = createSeededRandom(42n);
    for (let i = 0; i < 100; i++) expect(a.nextU64()).toBe(b.nextU64());
  });
  it("nextBelow stays in range for random bounds", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 1n << 200n }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (bound, seed) => {
          const r = createSeededRandom(seed);
          for (let i = 0; i < 5; i++) {
            const v = r.nextBelow(bound);
            expect(v >= 0n && v < bound).toBe(true);
          }
        },
      ),
    );
  });
});
