/**
 * ServicePaymentTx rules (docs/ledger.md §5.6): the pool check before execution, the split of the
 * amount among split-rule addresses, and the transfer out of the pool.
 */
import {
  type Account,
  type Address,
  bytesToHex,
  Coin,
  type Coins,
  equalBytes,
  type ServicePaymentTx,
  type SplitRule,
} from "@theta/core-types";
import { MicropaymentErrorCode } from "../errors.ts";
import { ResultCode, type RuleResult, ruleErr, ruleOk } from "./result.ts";

/** Largest settled payment sequence of `target` in a pool's transfer records (0 if none). */
export function lastSettledPaymentSequence(records: readonly ServicePaymentTx[], target: Address): bigint {
  let max = 0n;
  for (const r of records)
    if (equalBytes(r.target.address, target) && r.paymentSequence > max) max = r.paymentSequence;
  return max;
}

/** CheckTransferReservedFund: the pool exists, is not expired, and the payment sequence advances. */
export function checkTransferReservedFund(
  source: Account,
  tx: ServicePaymentTx,
  p: bigint,
): RuleResult<void> {
  const fail = (message: string) =>
    ruleErr<void>(
      MicropaymentErrorCode.TransferCheckFailed,
      ResultCode.CheckTransferReservedFundFailed,
      message,
    );
  const pool = source.reservedFunds.find((f) => f.reserveSequence === tx.reserveSequence);
  if (!pool) return fail(`No matching ReservedFund with reserveSequence ${tx.reserveSequence}`);
  if (pool.endBlockHeight < p) return fail("Already expired");
  const last = lastSettledPaymentSequence(pool.transferRecords, tx.target.address);
  if (tx.paymentSequence <= last) {
    return fail(`Invalid payment sequence ${tx.paymentSequence}, expected at least ${last + 1n}`);
  }
  return ruleOk(undefined);
}

/** One recipient's share of a payment. */
export interface Share {
  readonly address: Address;
  readonly coins: Coins;
}

/** How a payment is split, and whether the (expired) split rule is to be deleted. */
export interface SplitOutcome {
  readonly shares: readonly Share[];
  readonly deleteRule: boolean;
}

/**
 * Splits `amount` per the resource's split rule (docs/ledger.md §6.5): each listed address gets
 * floor(amount·pct/100) per currency (duplicates accumulate, percentages over 100 skipped), the
 * target the remainder. No rule, or an expired one (P > end), sends everything to the target.
 */
export function splitPayment(
  amount: Coins,
  target: Address,
  rule: SplitRule | undefined,
  p: bigint,
): RuleResult<SplitOutcome> {
  if (!rule) return ruleOk({ shares: [{ address: target, coins: amount }], deleteRule: false });
  if (p > rule.endBlockHeight)
    return ruleOk({ shares: [{ address: target, coins: amount }], deleteRule: true });
  const byAddress = new Map<string, Share>();
  let total = 0n;
  let remaining: Coins = amount;
  for (const s of rule.splits) {
    if (s.percentage > 100n) continue;
    total += s.percentage;
    const part = Coin.percentage(amount, s.percentage);
    remaining = Coin.minus(remaining, part);
    const key = bytesToHex(s.address);
    const prev = byAddress.get(key);
    byAddress.set(key, { address: s.address, coins: prev ? Coin.plus(prev.coins, part) : part });
  }
  if (total > 100n || !Coin.isValid(remaining)) {
    return ruleErr(
      MicropaymentErrorCode.SplitFailed,
      ResultCode.CheckTransferReservedFundFailed,
      "Failed to split payment",
    );
  }
  const tkey = bytesToHex(target);
  const prev = byAddress.get(tkey);
  byAddress.set(tkey, { address: target, coins: prev ? Coin.plus(prev.coins, remaining) : remaining });
  return ruleOk({ shares: [...byAddress.values()], deleteRule: false });
}

/** The effect of a settlement on the source's pool. */
export type TransferOutcome =
  | { readonly kind: "transferred"; readonly source: Account }
  /** The pool does not list the resource id: nothing happens. */
  | { readonly kind: "no-pool" }
  /** The pool cannot cover the total: nothing moves; the ledger may raise a slash intent. */
  | { readonly kind: "overspend" };

/**
 * TransferReservedFund: finds the pool with the reserve sequence that also lists the resource id;
 * if InitialFund − UsedFund covers the total, UsedFund grows and the tx is recorded. The shares
 * themselves are credited by the ledger to the recipients' accounts.
 */
export function transferReservedFund(
  source: Account,
  tx: ServicePaymentTx,
  shares: readonly Share[],
): TransferOutcome {
  const index = source.reservedFunds.findIndex(
    (f) => f.reserveSequence === tx.reserveSequence && f.resourceIds.includes(tx.resourceId),
  );
  if (index < 0) return { kind: "no-pool" };
  const pool = source.reservedFunds[index]!;
  let total: Coins = { thetaWei: 0n, tfuelWei: 0n };
  for (const s of shares) total = Coin.plus(total, s.coins);
  if (!Coin.isGTE(Coin.minus(pool.initialFund, pool.usedFund), total)) return { kind: "overspend" };
  const funds = [...source.reservedFunds];
  funds[index] = {
    ...pool,
    usedFund: Coin.plus(pool.usedFund, total),
    transferRecords: [...pool.transferRecords, tx],
  };
  return { kind: "transferred", source: { ...source, reservedFunds: funds } };
}
