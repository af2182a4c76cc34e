/**
 * The strict, stake-weighted 2/3 rule (docs/consensus.md §2.6): `3 · Σ stake(voters in set) > 2 · total`.
 */
import { bytesToHex } from "@theta/core-types";
import type { StakeEntry } from "./ports.ts";
import { stakeIndex } from "./validator/stakeIndex.ts";

/** Total stake of a set. */
export function totalStake(set: readonly StakeEntry[]): bigint {
  let t = 0n;
  for (const v of set) t += v.stake;
  return t;
}

/**
 * True when the distinct `voters` that are members of `set` hold strictly more than 2/3 of its stake.
 * Non-members contribute nothing; a voter listed twice counts once.
 */
export function hasMajority(set: readonly StakeEntry[], voters: readonly Uint8Array[]): boolean {
  const { byAddress: stakeOf, total } = stakeIndex(set);
  const seen = new Set<string>();
  let voted = 0n;
  for (const a of voters) {
    const key = bytesToHex(a);
    if (seen.has(key)) continue;
    seen.add(key);
    voted += stakeOf.get(key) ?? 0n;
  }
  return exceedsTwoThirds(voted, total);
}

/** `3 · part > 2 · total`, the strict supermajority test used for validators and guardians alike. */
export function exceedsTwoThirds(part: bigint, total: bigint): boolean {
  return 3n * part > 2n * total;
}

/** {@link hasMajority} for voters given as distinct lowercase hex addresses (no conversions). */
export function hasMajorityByKeys(set: readonly StakeEntry[], voterKeys: Iterable<string>): boolean {
  const { byAddress, total } = stakeIndex(set);
  let voted = 0n;
  for (const k of voterKeys) voted += byAddress.get(k) ?? 0n;
  return exceedsTwoThirds(voted, total);
}
