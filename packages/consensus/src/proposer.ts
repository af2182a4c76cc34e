/**
 * Proposer selection docs/decisions.md §4): a deterministic, stake-weighted draw seeded by the epoch.
 *
 * The validators are sorted by address bytes ascending; a SplitMix64 stream seeded with the epoch
 * draws `r` uniformly in `[0, Σ stake)` using exact bigint arithmetic (rejection sampling, no scaling),
 * and the proposer is the first validator whose cumulative stake exceeds `r`. Because `r` is drawn
 * over the exact total, the "gap" of the reference (docs/consensus.md §8 item 6, where Σ⌊stake/f⌋ < ⌊total/f⌋)
 * cannot occur. This is not bit-compatible with Go's math/rand draw (docs/consensus.md §2.2, §7.5).
 */
import { compareBytes, ThetaError } from "@theta/core-types";
import type { StakeEntry } from "./ports.ts";
import { createSeededRandom, mix64 } from "./random.ts";

/** Error codes of proposer selection. */
export const ProposerErrorCode = {
  EmptyValidatorSet: "CONSENSUS_EMPTY_VALIDATOR_SET",
  ZeroTotalStake: "CONSENSUS_ZERO_TOTAL_STAKE",
} as const;

/** Domain constant mixed into the epoch seed so proposer draws do not share streams with other uses. */
const PROPOSER_DOMAIN = 0x50524f504f534552n; // "PROPOSER"

/** Returns the validators sorted by address bytes ascending (a new array). */
export function sortByAddress<T extends StakeEntry>(validators: readonly T[]): T[] {
  return [...validators].sort((a, b) => compareBytes(a.address, b.address));
}

/** Draws the proposer for `epoch` from `validators`; returns its index in address order and the entry. */
export function selectProposer<T extends StakeEntry>(
  validators: readonly T[],
  epoch: bigint,
): { readonly index: number; readonly validator: T } {
  if (validators.length === 0) {
    throw new ThetaError(
      ProposerErrorCode.EmptyValidatorSet,
      "validators: expected at least one validator to draw a proposer from",
    );
  }
  const sorted = sortByAddress(validators);
  let total = 0n;
  for (const v of sorted) total += v.stake;
  if (total <= 0n) {
    throw new ThetaError(
      ProposerErrorCode.ZeroTotalStake,
      "validators: expected a positive total stake to draw a proposer",
    );
  }
  const rng = createSeededRandom(mix64(BigInt.asUintN(64, epoch) ^ PROPOSER_DOMAIN));
  const r = rng.nextBelow(total);
  let acc = 0n;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as T;
    acc += v.stake;
    if (r < acc) return { index: i, validator: v };
  }
  // r < total = final acc, so the loop always returns.
  throw new ThetaError(
    ProposerErrorCode.ZeroTotalStake,
    "validators: cumulative stake did not cover the draw",
  );
}

/**
 * The reference's stake scale factor `f = ⌊total / MaxUint32⌋ + 1` (docs/consensus.md §2.2), exported so
 * the docs/consensus.md §7.7 constant can be asserted; the TS draw does not scale stakes.
 */
export function goProposerScale(totalStake: bigint): bigint {
  return totalStake / 4294967295n + 1n;
}
