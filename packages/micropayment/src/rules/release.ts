/**
 * Lazy release (docs/ledger.md §4.3, §6.6): every pool whose EndBlockHeight + 5 ≤ P is removed and
 * (InitialFund − UsedFund, clamped at 0) + Collateral returns to the balance. The ledger applies
 * this to each account an executor loads; it persists only if the executor writes the account.
 */
import { type Account, Coin, type Coins } from "@theta/core-types";
import { RESERVED_FUND_FREEZE_PERIOD } from "./constants.ts";

function clampZero(c: Coins): Coins {
  return { thetaWei: c.thetaWei < 0n ? 0n : c.thetaWei, tfuelWei: c.tfuelWei < 0n ? 0n : c.tfuelWei };
}

/** Releases expired pools as of parent height `p`; returns the same object when nothing expires. */
export function releaseExpiredFunds(account: Account, p: bigint): Account {
  if (!account.reservedFunds.some((f) => f.endBlockHeight + RESERVED_FUND_FREEZE_PERIOD <= p)) return account;
  let balance = account.balance;
  const kept = [];
  for (const f of account.reservedFunds) {
    if (f.endBlockHeight + RESERVED_FUND_FREEZE_PERIOD <= p) {
      balance = Coin.plus(balance, Coin.plus(clampZero(Coin.minus(f.initialFund, f.usedFund)), f.collateral));
    } else {
      kept.push(f);
    }
  }
  return { ...account, balance, reservedFunds: kept };
}

/** Pools of `account` still visible at finalized height `h` (the RPC hides released ones). */
export function visibleReservedFunds(account: Account, h: bigint): Account["reservedFunds"] {
  return account.reservedFunds.filter((f) => f.endBlockHeight + RESERVED_FUND_FREEZE_PERIOD > h);
}
