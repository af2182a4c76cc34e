/**
 * ServicePaymentTx (docs/ledger.md §5.6) on the micropayment rules: both signatures (V1 only), the
 * pool check, the split of the amount, the transfer out of the pool, the fee paid by the target.
 */
import {
  type Account,
  bytesToHex,
  Coin,
  equalBytes,
  minTxFee,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
  servicePaymentTargetSignBytes,
} from "@theta/core-types";
import { checkTransferReservedFund, splitPayment, transferReservedFund } from "@theta/micropayment";
import { getInput, getOrMakeAccount } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { checkFee } from "./inputs.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";
import { recordOverspend } from "./slashTx.ts";

/** Checks a ServicePaymentTx and, in deliver mode, settles it. */
export async function executeServicePaymentTx(ctx: ExecContext, tx: ServicePaymentTx): Promise<ExecResult> {
  if (!Coin.isValid(tx.source.coins) || !Coin.isValid(tx.target.coins)) {
    return execFail(ExecCode.Generic, "service_payment: source and target coins must be non-negative");
  }
  if (equalBytes(tx.source.address, tx.target.address)) {
    return execFail(ExecCode.Generic, "service_payment: source and target must differ");
  }
  const source = await getInput(ctx.state, tx.source.address, ctx.height);
  if (source === undefined) {
    return execFail(
      ExecCode.Generic,
      `service_payment.source: unknown address 0x${bytesToHex(tx.source.address)}`,
    );
  }
  const target = await getOrMakeAccount(ctx.state, tx.target.address, ctx.height);
  if (tx.source.coins.thetaWei !== 0n) {
    return execFail(
      ExecCode.Generic,
      "service_payment.source.coins: cannot send ThetaWei as service payment",
    );
  }
  const chainId = ctx.profile.chainId;
  if (
    !ctx.crypto.verify(servicePaymentSourceSignBytes(chainId, tx), tx.source.signature, tx.source.address)
  ) {
    return execFail(ExecCode.InvalidSignature, "service_payment.source.signature: does not verify");
  }
  if (
    !ctx.crypto.verify(servicePaymentTargetSignBytes(chainId, tx), tx.target.signature, tx.target.address)
  ) {
    return execFail(ExecCode.InvalidSignature, "service_payment.target.signature: does not verify");
  }
  const fee = checkFee(tx.fee, minTxFee(ctx.profile, ctx.height));
  if (!fee.ok) return fee;
  const p = ctx.height - 1n;
  const pool = checkTransferReservedFund(source, tx, p);
  if (!pool.ok) return execFail(pool.resultCode as ExecCode, pool.message);
  if (ctx.mode === ExecMode.Check) return EXEC_OK;

  const rule = await ctx.state.getSplitRule(tx.resourceId);
  const split = splitPayment(tx.source.coins, tx.target.address, rule, p);
  if (!split.ok) return execFail(split.resultCode as ExecCode, split.message);
  const accounts = new Map<string, Account>([
    [bytesToHex(source.address), source],
    [bytesToHex(target.address), target],
  ]);
  for (const s of split.value.shares) {
    const k = bytesToHex(s.address);
    if (!accounts.has(k)) accounts.set(k, await getOrMakeAccount(ctx.state, s.address, ctx.height));
  }
  const outcome = transferReservedFund(source, tx, split.value.shares);
  if (outcome.kind === "overspend") recordOverspend(ctx, source, tx);
  if (outcome.kind === "transferred") {
    accounts.set(bytesToHex(source.address), outcome.source);
    for (const s of split.value.shares) {
      const k = bytesToHex(s.address);
      const acc = accounts.get(k)!;
      accounts.set(k, { ...acc, balance: Coin.plus(acc.balance, s.coins) });
    }
  }
  const tk = bytesToHex(target.address);
  const payee = accounts.get(tk)!;
  if (!Coin.isGTE(payee.balance, tx.fee)) {
    return execFail(ExecCode.InsufficientFund, "service_payment.target: balance cannot cover the fee");
  }
  accounts.set(tk, { ...payee, balance: Coin.minus(payee.balance, tx.fee) });
  if (split.value.deleteRule) await ctx.state.deleteSplitRule(tx.resourceId);
  for (const acc of accounts.values()) await ctx.state.setAccount(acc);
  return EXEC_OK;
}
