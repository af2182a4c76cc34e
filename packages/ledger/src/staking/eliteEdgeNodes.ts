/**
 * Elite edge node stake rules (docs/ledger.md §2.10): each node is its own record `ls/een/<addr>`,
 * `ls/eentas` holds the active total, and withdrawn stakes are listed for return under
 * `ls/eensrk/<return height>`. Deposits and withdrawals are computed first (`plan…`) and written
 * by `writeEenUpdate`, so check mode can run every rule without writing.
 */
import {
  type Address,
  bytesToHex,
  type EliteEdgeNode,
  err,
  ok,
  type Stake,
  totalStake,
} from "@theta/core-types";
import type { StateView } from "../state/stateView.ts";
import { MAX_EEN_STAKE_DEPOSIT, MIN_EEN_STAKE_DEPOSIT } from "./amounts.ts";
import { StakingErrorCode } from "./errors.ts";
import { depositToHolder, newStake, type StakeResult, withdrawFromHolder } from "./stakeHolder.ts";

/** A node record and the new active total to write; `withdrawn` when a stake was withdrawn. */
export interface EenUpdate {
  readonly node: EliteEdgeNode;
  readonly totalActiveStake: bigint;
  readonly withdrawn?: Stake;
}

/** The active (non-withdrawn) stake of an EEN; 0 when it does not exist. */
export async function eenActiveStake(state: StateView, holder: Address): Promise<bigint> {
  const n = await state.getEliteEdgeNode(holder);
  return n === undefined ? 0n : totalStake(n);
}

/** A deposit of `amount` TFuel wei: per-deposit bounds, the node cap, merge or a new node. */
export async function planEenDeposit(
  state: StateView,
  source: Address,
  holder: Address,
  amount: bigint,
  blsPubkey: Uint8Array,
): Promise<StakeResult<EenUpdate>> {
  if (amount < MIN_EEN_STAKE_DEPOSIT) {
    return err(StakingErrorCode.BelowMinimum, `EEN stake: expected at least ${MIN_EEN_STAKE_DEPOSIT}`);
  }
  if (amount > MAX_EEN_STAKE_DEPOSIT) {
    return err(StakingErrorCode.AboveCap, `EEN stake: expected at most ${MAX_EEN_STAKE_DEPOSIT}`);
  }
  const existing = await state.getEliteEdgeNode(holder);
  let node: EliteEdgeNode;
  if (existing === undefined) node = { holder, stakes: [newStake(source, amount)], blsPubkey };
  else {
    if (totalStake(existing) + amount > MAX_EEN_STAKE_DEPOSIT) {
      return err(
        StakingErrorCode.AboveCap,
        `EEN 0x${bytesToHex(holder)}: total stake would exceed ${MAX_EEN_STAKE_DEPOSIT}`,
      );
    }
    const r = depositToHolder(existing, source, amount);
    if (!r.ok) return r;
    node = r.value;
  }
  return ok({ node, totalActiveStake: (await state.getEenTotalActiveStake()) + amount });
}

/** A withdrawal of the (holder, source) stake with `returnHeight`. */
export async function planEenWithdraw(
  state: StateView,
  source: Address,
  holder: Address,
  returnHeight: bigint,
): Promise<StakeResult<EenUpdate>> {
  const existing = await state.getEliteEdgeNode(holder);
  if (existing === undefined) {
    return err(StakingErrorCode.UnknownHolder, `EEN pool: no stake holder 0x${bytesToHex(holder)}`);
  }
  const r = withdrawFromHolder(existing, source, returnHeight);
  if (!r.ok) return r;
  return ok({
    node: r.value.holder,
    totalActiveStake: (await state.getEenTotalActiveStake()) - r.value.stake.amount,
    withdrawn: r.value.stake,
  });
}

/** Writes a planned update; a withdrawal is also appended to its return height's list. */
export async function writeEenUpdate(state: StateView, u: EenUpdate): Promise<void> {
  await state.setEliteEdgeNode(u.node);
  await state.setEenTotalActiveStake(u.totalActiveStake);
  if (u.withdrawn !== undefined) {
    const h = u.withdrawn.returnHeight;
    const list = await state.getEenStakeReturns(h);
    await state.setEenStakeReturns(h, [...list, { holder: u.node.holder, stake: u.withdrawn }]);
  }
}
