/**
 * ReserveFundTx rules (docs/ledger.md §5.4 steps 4, 5, 7, 8 and the process step). The ledger runs
 * the common checks (sequence, signature, fee) before these.
 */
import { type Account, Coin, type Coins, type ReservedFund, type ReserveFundTx } from "@theta/core-types";
import { MicropaymentErrorCode } from "../errors.ts";
import { MAX_FUND_RESERVE_DURATION, MIN_FUND_RESERVE_DURATION } from "./constants.ts";
import { ResultCode, type RuleResult, ruleErr, ruleOk } from "./result.ts";

/** Checks a reservation against the (already lazily released) source account. */
export function checkReserveFund(source: Account, tx: ReserveFundTx): RuleResult<void> {
  const fund = tx.source.coins;
  if (!Coin.isPositive(fund)) {
    return ruleErr(
      MicropaymentErrorCode.ReserveFundCheckFailed,
      ResultCode.ReservedFundNotSpecified,
      "No fund is specified",
    );
  }
  if (fund.thetaWei !== 0n) {
    return ruleErr(
      MicropaymentErrorCode.ReserveFundCheckFailed,
      ResultCode.InvalidFundToReserve,
      "Cannot reserve Theta as service fund",
    );
  }
  const needed: Coins = Coin.plus(Coin.plus(fund, tx.collateral), tx.fee);
  if (!Coin.isGTE(source.balance, needed)) {
    return ruleErr(
      MicropaymentErrorCode.ReserveFundCheckFailed,
      ResultCode.InsufficientFund,
      `Source did not have enough balance: needs fund + collateral + fee = ${needed.tfuelWei} TFuelWei`,
    );
  }
  const fail = (message: string) =>
    ruleErr<void>(MicropaymentErrorCode.ReserveFundCheckFailed, ResultCode.ReserveFundCheckFailed, message);
  if (tx.duration < MIN_FUND_RESERVE_DURATION || tx.duration > MAX_FUND_RESERVE_DURATION) {
    return fail(
      `duration: expected ${MIN_FUND_RESERVE_DURATION} to ${MAX_FUND_RESERVE_DURATION} blocks, got ${tx.duration}`,
    );
  }
  if (!Coin.isValid(tx.collateral) || !Coin.isValid(fund))
    return fail("collateral and fund must be non-negative");
  if (!Coin.isGTE(source.balance, Coin.plus(tx.collateral, fund)))
    return fail("balance is less than collateral + fund");
  if (!Coin.isPositive(Coin.minus(tx.collateral, fund))) return fail("collateral must exceed the fund");
  for (const f of source.reservedFunds) {
    if (f.reserveSequence >= tx.source.sequence) {
      return fail(
        `reserve sequence ${tx.source.sequence} must exceed the existing pool's ${f.reserveSequence}`,
      );
    }
  }
  return ruleOk(undefined);
}

/** Applies a checked reservation: the new pool, balance − (collateral + fund + fee), sequence + 1. */
export function applyReserveFund(source: Account, tx: ReserveFundTx, p: bigint): Account {
  const pool: ReservedFund = {
    collateral: tx.collateral,
    initialFund: tx.source.coins,
    usedFund: { thetaWei: 0n, tfuelWei: 0n },
    resourceIds: [...tx.resourceIds],
    endBlockHeight: p + tx.duration,
    reserveSequence: tx.source.sequence,
    transferRecords: [],
  };
  const spent = Coin.plus(Coin.plus(tx.collateral, tx.source.coins), tx.fee);
  return {
    ...source,
    balance: Coin.minus(source.balance, spent),
    sequence: source.sequence + 1n,
    reservedFunds: [...source.reservedFunds, pool],
  };
}

/** ReleaseFundTx's pool check (docs/ledger.md §5.5): the pool must exist and be past its freeze period. */
export function checkReleaseFund(
  source: Account,
  reserveSequence: bigint,
  p: bigint,
): RuleResult<ReservedFund> {
  const pool = source.reservedFunds.find((f) => f.reserveSequence === reserveSequence);
  if (!pool) {
    return ruleErr(
      MicropaymentErrorCode.ReleaseFundCheckFailed,
      ResultCode.ReleaseFundCheckFailed,
      "No matching ReserveSequence",
    );
  }
  if (pool.endBlockHeight + 5n > p) {
    return ruleErr(
      MicropaymentErrorCode.ReleaseFundCheckFailed,
      ResultCode.ReleaseFundCheckFailed,
      `Fund cannot be released until blockheight ${pool.endBlockHeight + 5n}`,
    );
  }
  return ruleOk(pool);
}
