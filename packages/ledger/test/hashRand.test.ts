/** The deterministic randomness vectors of docs/ledger.md §8.4. */
import { bytesToHex, hexToBytes, utf8ToBytes } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHashRand, randInt } from "../src/rewards/hashRand.ts";
import { eenRewardWeight, rewardSampleSeed } from "../src/rewards/samples.ts";
import { crypto, E18 } from "./helpers/stakeFixture.ts";

const keccak = crypto.keccak256;

describe("docs/ledger.md §8.4 vectors", () => {
  it("HashRand('abc') starts with the listed 40 bytes, however the reads are split", () => {
    const want = "b8e12eedbb60e5321db47f5a3bfeb8ec0ff6ae9af10020cc61bb8c82ae0b7b6609823331fd67fefb";
    expect(bytesToHex(createHashRand(keccak, utf8ToBytes("abc")).read(40))).toBe(want);
    const s = createHashRand(keccak, utf8ToBytes("abc"));
    const parts = [s.read(7), s.read(30), s.read(3)].map(bytesToHex).join("");
    expect(parts).toBe(want);
  });

  it("reward samples for P = 100, checkpoint 32×0x11, total stake 10^24 (3 vectors)", () => {
    const block = new Uint8Array(32).fill(0x11);
    expect(bytesToHex(rewardSampleSeed(100n, 0, block))).toBe(
      `6400000000000000000000000000000000000000${"11".repeat(32)}`,
    );
    expect(rewardSampleSeed(100n, 1, block)[10]).toBe(1);
    const vectors: readonly [number, bigint][] = [
      [0, 804699399323848746290195n],
      [1, 922327410218872496617618n],
      [2, 29354948819676339900537n],
    ];
    let ran = 0;
    for (const [i, want] of vectors) {
      expect(randInt(createHashRand(keccak, rewardSampleSeed(100n, i, block)), 10n ** 24n)).toBe(want);
      ran++;
    }
    expect(ran).toBe(3);
  });

  it("EEN weights for block 32×0x22, total 1e8 TFUEL (2 vectors)", () => {
    const block = new Uint8Array(32).fill(0x22);
    const addr = hexToBytes("2e833968e5bb786ae419c4d13189fb081cc43bab");
    const total = 10n ** 26n;
    const vectors: readonly [bigint, number][] = [
      [20_000n * E18, 0],
      [500_000n * E18, 4],
    ];
    let ran = 0;
    for (const [stake, want] of vectors) {
      expect(eenRewardWeight(keccak, block, addr, stake, total)).toBe(want);
      ran++;
    }
    expect(ran).toBe(2);
  });
});

describe("randInt", () => {
  it("stays in [0, max) and uses the uvarint seed layout for large P", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.bigInt({ min: 1n, max: 2n ** 130n }),
        (seed, max) => {
          const v = randInt(createHashRand(keccak, seed), max);
          expect(v >= 0n && v < max).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
    const seed = rewardSampleSeed(300n, 0, new Uint8Array(32));
    expect(bytesToHex(seed.subarray(0, 3))).toBe("ac0200");
  });
});
