/** SplitRuleTx (docs/ledger.md §5.7). */
import { bytesToHex, Coin, equalBytes, minTxFee, type SplitRuleTx } from "@theta/core-types";
import { getInput } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { checkFee, validateInput } from "./inputs.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";
import { MAX_ACCOUNTS_AFFECTED_PER_TX } from "./sendTx.ts";

/** Checks a SplitRuleTx and, in deliver mode, expires old rules and creates or updates this one. */
export async function executeSplitRuleTx(ctx: ExecContext, tx: SplitRuleTx): Promise<ExecResult> {
  if (!Coin.isValid(tx.initiator.coins))
    return execFail(ExecCode.Generic, "split_rule.initiator.coins: expected non-negative amounts");
  const initiator = await getInput(ctx.state, tx.initiator.address, ctx.height);
  if (initiator === undefined) {
    return execFail(
      ExecCode.Generic,
      `split_rule.initiator: unknown address 0x${bytesToHex(tx.initiator.address)}`,
    );
  }
  const input = validateInput(ctx, tx, initiator, tx.initiator);
  if (!input.ok) return input;
  const fee = checkFee(tx.fee, minTxFee(ctx.profile, ctx.height));
  if (!fee.ok) return fee;
  if (!Coin.isGTE(initiator.balance, tx.fee))
    return execFail(ExecCode.InsufficientFund, "split_rule: balance below the fee");
  if (tx.splits.length + 1 > MAX_ACCOUNTS_AFFECTED_PER_TX) {
    return execFail(
      ExecCode.Generic,
      `split_rule.splits: expected at most ${MAX_ACCOUNTS_AFFECTED_PER_TX - 1}`,
    );
  }
  let total = 0n;
  for (const [i, s] of tx.splits.entries()) {
    if (s.percentage > 100n)
      return execFail(ExecCode.Generic, `split_rule.splits[${i}].percentage: expected ≤ 100`);
    total += s.percentage;
  }
  if (total > 100n)
    return execFail(ExecCode.Generic, `split_rule.splits: percentages sum to ${total}, expected ≤ 100`);
  const existing = await ctx.state.getSplitRule(tx.resourceId);
  if (existing !== undefined && !equalBytes(existing.initiatorAddress, tx.initiator.address)) {
    return execFail(
      ExecCode.UnauthorizedToUpdateSplitRule,
      `split_rule: resource ${JSON.stringify(tx.resourceId)} belongs to another initiator`,
    );
  }
  if (ctx.mode === ExecMode.Check) return EXEC_OK;
  const p = ctx.height - 1n;
  for (const rule of await ctx.state.listSplitRules()) {
    if (rule.endBlockHeight < p) await ctx.state.deleteSplitRule(rule.resourceId);
  }
  await ctx.state.setSplitRule({
    initiatorAddress: tx.initiator.address,
    resourceId: tx.resourceId,
    splits: tx.splits,
    endBlockHeight: p + tx.duration,
  });
  await ctx.state.setAccount({
    ...initiator,
    balance: Coin.minus(initiator.balance, tx.fee),
    sequence: initiator.sequence + 1n,
  });
  return EXEC_OK;
}
