/**
 * Validator candidate pool rules (docs/ledger.md §2.8): deposits and withdrawals keep the pool in
 * VCP order; the block-end sweep returns due stakes and drops holders left without stakes; the
 * validator set of a block is the top candidates with stake, ordered by address.
 */
import {
  type Address,
  compareBytes,
  equalBytes,
  err,
  ok,
  type Stake,
  type StakeHolder,
  totalStake,
  type ValidatorCandidatePool,
} from "@theta/core-types";
import { type ChecksumAddress, sortVcpCandidates } from "../state/vcpOrder.ts";
import { StakingErrorCode } from "./errors.ts";
import * as stakeHolder from "./stakeHolder.ts";

/** One validator of a block: its address and its stake (the candidate's total stake). */
export interface ValidatorStake {
  readonly address: Address;
  readonly stake: bigint;
}

/** The candidate entry of `holder`, if any. */
export function findCandidate(vcp: ValidatorCandidatePool, holder: Address): StakeHolder | undefined {
  return vcp.sortedCandidates.find((c) => equalBytes(c.holder, holder));
}

/** Deposits into the pool (merging into the source's entry or adding a candidate) and re-sorts it. */
export function vcpDeposit(
  vcp: ValidatorCandidatePool,
  source: Address,
  holder: Address,
  amount: bigint,
  minimum: bigint,
  checksum: ChecksumAddress,
): stakeHolder.StakeResult<ValidatorCandidatePool> {
  if (amount < minimum) {
    return err(StakingErrorCode.BelowMinimum, `validator stake: expected at least ${minimum}, got ${amount}`);
  }
  const i = vcp.sortedCandidates.findIndex((c) => equalBytes(c.holder, holder));
  const candidates = [...vcp.sortedCandidates];
  if (i < 0) candidates.push({ holder, stakes: [stakeHolder.newStake(source, amount)] });
  else {
    const r = stakeHolder.depositToHolder(candidates[i]!, source, amount);
    if (!r.ok) return r;
    candidates[i] = r.value;
  }
  return ok({ sortedCandidates: sortVcpCandidates(candidates, checksum) });
}

/** Marks the (holder, source) stake withdrawn with `returnHeight` and re-sorts the pool. */
export function vcpWithdraw(
  vcp: ValidatorCandidatePool,
  source: Address,
  holder: Address,
  returnHeight: bigint,
  checksum: ChecksumAddress,
): stakeHolder.StakeResult<ValidatorCandidatePool> {
  const r = stakeHolder.withdrawFromPool(
    vcp.sortedCandidates,
    "validator pool",
    source,
    holder,
    returnHeight,
  );
  return r.ok ? ok({ sortedCandidates: sortVcpCandidates(r.value, checksum) }) : r;
}

/**
 * The block-end sweep at parent height `p`: returns every withdrawn stake with return height ≤ p
 * (candidates walked from the last), removes emptied candidates, re-sorts.
 */
export function vcpReturnStakes(
  vcp: ValidatorCandidatePool,
  p: bigint,
  checksum: ChecksumAddress,
): { readonly pool: ValidatorCandidatePool; readonly returned: readonly Stake[] } {
  const { kept, returned } = stakeHolder.returnDueStakes(vcp.sortedCandidates, p);
  return { pool: { sortedCandidates: sortVcpCandidates(kept, checksum) }, returned };
}

/**
 * The validator set a VCP yields: its first `maxCount` candidates with a positive total stake,
 * each with that total, ordered by address ascending.
 */
export function validatorSetFromVcp(vcp: ValidatorCandidatePool, maxCount: number): ValidatorStake[] {
  return vcp.sortedCandidates
    .slice(0, maxCount)
    .map((c) => ({ address: c.holder, stake: totalStake(c) }))
    .filter((v) => v.stake > 0n)
    .sort((a, b) => compareBytes(a.address, b.address));
}
