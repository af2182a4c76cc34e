/**
 * A small seedable PRNG (SplitMix64 over bigint) implementing the {@link Random} port. Pure: the
 * sequence depends only on the seed.
 */
import type { Random } from "./ports.ts";

const MASK64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;

/** Mixes a 64-bit value (the SplitMix64 finaliser). */
export function mix64(z0: bigint): bigint {
  let z = z0 & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** A seedable random source whose whole sequence is determined by `seed`. */
export interface SeededRandom extends Random {
  /** A uniform 64-bit unsigned integer. */
  nextU64(): bigint;
  /** A uniform float in `[0, 1)` (53 bits). */
  nextFloat(): number;
  /** A uniform integer in `[0, bound)` for small numeric bounds. */
  nextInt(bound: number): number;
}

/** Creates a SplitMix64 generator from a 64-bit seed (taken modulo 2^64). */
export function createSeededRandom(seed: bigint | number): SeededRandom {
  let state = BigInt(seed) & MASK64;
  const nextU64 = (): bigint => {
    state = (state + GAMMA) & MASK64;
    return mix64(state);
  };
  const nextBelow = (bound: bigint): bigint => {
    if (bound <= 0n) throw new RangeError(`bound must be positive, got ${bound}`);
    const bits = bound.toString(2).length;
    const words = Math.ceil(bits / 64);
    const excess = BigInt(words * 64 - bits);
    for (;;) {
      let v = 0n;
      for (let i = 0; i < words; i++) v = (v << 64n) | nextU64();
      v >>= excess;
      if (v < bound) return v;
    }
  };
  return {
    nextU64,
    nextU32: () => Number(nextU64() >> 32n),
    nextBelow,
    nextFloat: () => Number(nextU64() >> 11n) / 2 ** 53,
    nextInt: (bound: number) => Number(nextBelow(BigInt(bound))),
  };
}
