/**
 * Guardian candidate pool rules (docs/ledger.md §2.9): guardians stay ordered by holder address
 * (insertion at their place, never re-sorted by stake); a new guardian records its BLS key, an
 * existing one keeps it; emptied guardians are removed by the block-end sweep.
 */
import {
  type Address,
  compareBytes,
  equalBytes,
  err,
  type Guardian,
  type GuardianCandidatePool,
  ok,
  type Stake,
} from "@theta/core-types";
import { StakingErrorCode } from "./errors.ts";
import * as stakeHolder from "./stakeHolder.ts";

/** The empty pool (what a missing `ls/gcp` reads as in the reference). */
export const EMPTY_GCP: GuardianCandidatePool = Object.freeze({ sortedGuardians: Object.freeze([]) });

/** True when `holder` is a guardian of the pool. */
export function gcpContains(gcp: GuardianCandidatePool, holder: Address): boolean {
  return gcp.sortedGuardians.some((g) => equalBytes(g.holder, holder));
}

/** The guardians that still have a non-withdrawn stake, in pool order (the vote index space). */
export function gcpWithStake(gcp: GuardianCandidatePool): Guardian[] {
  return gcp.sortedGuardians.filter((g) => g.stakes.some((s) => !s.withdrawn));
}

/** Deposits into an existing guardian's stakes, or adds a guardian with `blsPubkey` at its place. */
export function gcpDeposit(
  gcp: GuardianCandidatePool,
  source: Address,
  holder: Address,
  amount: bigint,
  blsPubkey: Uint8Array,
  minimum: bigint,
): stakeHolder.StakeResult<GuardianCandidatePool> {
  if (amount < minimum) {
    return err(StakingErrorCode.BelowMinimum, `guardian stake: expected at least ${minimum}, got ${amount}`);
  }
  const guardians = [...gcp.sortedGuardians];
  const i = guardians.findIndex((g) => equalBytes(g.holder, holder));
  if (i >= 0) {
    const r = stakeHolder.depositToHolder(guardians[i]!, source, amount);
    if (!r.ok) return r;
    guardians[i] = r.value;
    return ok({ sortedGuardians: guardians });
  }
  const at = guardians.findIndex((g) => compareBytes(g.holder, holder) > 0);
  const fresh: Guardian = { holder, stakes: [stakeHolder.newStake(source, amount)], blsPubkey };
  guardians.splice(at < 0 ? guardians.length : at, 0, fresh);
  return ok({ sortedGuardians: guardians });
}

/** Marks the (holder, source) stake withdrawn with `returnHeight` (the order is unchanged). */
export function gcpWithdraw(
  gcp: GuardianCandidatePool,
  source: Address,
  holder: Address,
  returnHeight: bigint,
): stakeHolder.StakeResult<GuardianCandidatePool> {
  const r = stakeHolder.withdrawFromPool(gcp.sortedGuardians, "guardian pool", source, holder, returnHeight);
  return r.ok ? ok({ sortedGuardians: r.value }) : r;
}

/** The block-end sweep at parent height `p`: returns due stakes, removes emptied guardians. */
export function gcpReturnStakes(
  gcp: GuardianCandidatePool,
  p: bigint,
): { readonly pool: GuardianCandidatePool; readonly returned: readonly Stake[] } {
  const { kept, returned } = stakeHolder.returnDueStakes(gcp.sortedGuardians, p);
  return { pool: { sortedGuardians: kept }, returned };
}
