/**
 * Rules on one holder's stake list (docs/ledger.md §2.7): one entry per source, deposits merge into
 * it, a withdrawal marks the whole entry, a return removes it. Every function returns new
 * objects and leaves its arguments untouched.
 */
import {
  type Address,
  bytesToHex,
  equalBytes,
  err,
  MAX_RETURN_HEIGHT,
  ok,
  type Result,
  type Stake,
} from "@theta/core-types";
import { StakingErrorCode } from "./errors.ts";

/** Anything with a holder address and a stake list (StakeHolder, Guardian, EliteEdgeNode). */
export interface HasStakes {
  readonly holder: Address;
  readonly stakes: readonly Stake[];
}

/** A stake outcome: the new value or a staking error. */
export type StakeResult<T> = Result<T, StakingErrorCode>;

/** A fresh stake: not withdrawn, return height 2^64 − 1. */
export function newStake(source: Address, amount: bigint): Stake {
  return { source, amount, withdrawn: false, returnHeight: MAX_RETURN_HEIGHT };
}

/** Adds `amount` to the source's entry, or appends a new entry; refused while it is withdrawn. */
export function depositToHolder<H extends HasStakes>(h: H, source: Address, amount: bigint): StakeResult<H> {
  const i = h.stakes.findIndex((s) => equalBytes(s.source, source));
  if (i < 0) return ok({ ...h, stakes: [...h.stakes, newStake(source, amount)] });
  const s = h.stakes[i]!;
  if (s.withdrawn) {
    return err(
      StakingErrorCode.DepositWhileWithdrawing,
      `stake of 0x${bytesToHex(source)}: cannot deposit during the withdrawal locking period`,
    );
  }
  const stakes = [...h.stakes];
  stakes[i] = { ...s, amount: s.amount + amount };
  return ok({ ...h, stakes });
}

/** Marks the source's entry withdrawn with `returnHeight`; returns the holder and the marked stake. */
export function withdrawFromHolder<H extends HasStakes>(
  h: H,
  source: Address,
  returnHeight: bigint,
): StakeResult<{ readonly holder: H; readonly stake: Stake }> {
  const i = h.stakes.findIndex((s) => equalBytes(s.source, source));
  if (i < 0) {
    return err(
      StakingErrorCode.UnknownSource,
      `stake of 0x${bytesToHex(source)}: no stake from this source for holder 0x${bytesToHex(h.holder)}`,
    );
  }
  if (h.stakes[i]!.withdrawn) {
    return err(
      StakingErrorCode.AlreadyWithdrawn,
      `stake of 0x${bytesToHex(source)}: already withdrawn, cannot withdraw again`,
    );
  }
  const stake: Stake = { ...h.stakes[i]!, withdrawn: true, returnHeight };
  const stakes = [...h.stakes];
  stakes[i] = stake;
  return ok({ holder: { ...h, stakes }, stake });
}

/**
 * Removes every withdrawn stake whose return height is ≤ `p`, walking the list from its end (the
 * reference's order); returns the holder without them and the returned stakes in that order.
 */
export function takeDueStakes<H extends HasStakes>(
  h: H,
  p: bigint,
): { readonly holder: H; readonly returned: readonly Stake[] } {
  const returned: Stake[] = [];
  for (let i = h.stakes.length - 1; i >= 0; i--) {
    const s = h.stakes[i]!;
    if (s.withdrawn && p >= s.returnHeight) returned.push(s);
  }
  if (returned.length === 0) return { holder: h, returned };
  return { holder: { ...h, stakes: h.stakes.filter((s) => !returned.includes(s)) }, returned };
}

/**
 * Marks the (holder, source) stake withdrawn with `returnHeight` in a pool's list of holders: a
 * new list with that holder replaced (the order unchanged); `pool` names the pool in the error.
 */
export function withdrawFromPool<H extends HasStakes>(
  holders: readonly H[],
  pool: string,
  source: Address,
  holder: Address,
  returnHeight: bigint,
): StakeResult<H[]> {
  const i = holders.findIndex((h) => equalBytes(h.holder, holder));
  if (i < 0) return err(StakingErrorCode.UnknownHolder, `${pool}: no stake holder 0x${bytesToHex(holder)}`);
  const r = withdrawFromHolder(holders[i]!, source, returnHeight);
  if (!r.ok) return r;
  const out = [...holders];
  out[i] = r.value.holder;
  return ok(out);
}

/**
 * The block-end sweep of a pool's holders at parent height `p` (walked from the last): the due
 * stakes returned, the holders left with stakes kept in their order.
 */
export function returnDueStakes<H extends HasStakes>(
  holders: readonly H[],
  p: bigint,
): { readonly kept: H[]; readonly returned: readonly Stake[] } {
  const returned: Stake[] = [];
  const kept: H[] = [];
  for (let i = holders.length - 1; i >= 0; i--) {
    const r = takeDueStakes(holders[i]!, p);
    returned.push(...r.returned);
    if (r.holder.stakes.length > 0) kept.unshift(r.holder);
  }
  return { kept, returned };
}
