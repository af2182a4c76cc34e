/** The 400 sorted reward samples of a checkpoint and the EEN weight draw (docs/ledger.md §8.1, §8.3). */
import type { Address, Hash } from "@theta/core-types";
import { MIN_EEN_STAKE_DEPOSIT } from "../staking/amounts.ts";
import { EEN_REWARD_N, REWARD_AMPLIFIER, REWARD_SAMPLES } from "./constants.ts";
import { createHashRand, type Keccak256, randInt } from "./hashRand.ts";

const MAX_VARINT_LEN64 = 10;

/** Writes `v` as a Go uvarint at `offset` (7 bits per byte, low first). */
function putUvarint(out: Uint8Array, offset: number, v: bigint): void {
  let i = offset;
  let x = v;
  while (x >= 0x80n) {
    out[i++] = Number(x & 0x7fn) | 0x80;
    x >>= 7n;
  }
  out[i] = Number(x);
}

/** Seed of sample `i`: uvarint(P) and uvarint(i), each zero-padded to 10 bytes, then the block hash. */
export function rewardSampleSeed(p: bigint, i: number, block: Hash): Uint8Array {
  const seed = new Uint8Array(2 * MAX_VARINT_LEN64 + block.length);
  putUvarint(seed, 0, p);
  putUvarint(seed, MAX_VARINT_LEN64, BigInt(i));
  seed.set(block, 2 * MAX_VARINT_LEN64);
  return seed;
}

/** The reward samples in [0, totalStake), ascending (totalStake > 0). */
export function drawRewardSamples(keccak: Keccak256, p: bigint, block: Hash, totalStake: bigint): bigint[] {
  const samples: bigint[] = [];
  for (let i = 0; i < REWARD_SAMPLES; i++) {
    samples.push(randInt(createHashRand(keccak, rewardSampleSeed(p, i, block)), totalStake));
  }
  return samples.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * An EEN's reward weight (`RandomRewardWeight`): one Bernoulli draw per 10,000 TFUEL of its
 * active `stake` with p = 1e18·800·stake / total / units, from HashRand(block ‖ address).
 */
export function eenRewardWeight(
  keccak: Keccak256,
  block: Hash,
  address: Address,
  stake: bigint,
  total: bigint,
): number {
  if (stake <= 0n || total <= 0n) return 0;
  const units = stake / MIN_EEN_STAKE_DEPOSIT;
  if (units === 0n) return 0;
  const p = (REWARD_AMPLIFIER * EEN_REWARD_N * stake) / total / units;
  const seed = new Uint8Array(block.length + address.length);
  seed.set(block, 0);
  seed.set(address, block.length);
  const stream = createHashRand(keccak, seed);
  let weight = 0;
  for (let i = 0n; i < units; i++) if (randInt(stream, REWARD_AMPLIFIER) < p) weight++;
  return weight;
}
