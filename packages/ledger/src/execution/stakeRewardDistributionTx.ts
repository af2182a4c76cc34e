/**
 * StakeRewardDistributionTx (docs/ledger.md §5.11): a holder (any account) sets, changes or (with 0
 * basis points) removes the share of its stakers' rewards that goes to a beneficiary.
 */
import { bytesToHex, Coin, isActive, minTxFee, type StakeRewardDistributionTx } from "@theta/core-types";
import { MAX_SPLIT_BASIS_POINT } from "../staking/amounts.ts";
import { getInput } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { checkFee, validateInput } from "./inputs.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";

/** Checks the tx and, in deliver mode, upserts or deletes `ls/srdrs/<holder>`. */
export async function executeStakeRewardDistributionTx(
  ctx: ExecContext,
  tx: StakeRewardDistributionTx,
): Promise<ExecResult> {
  if (!isActive(ctx.profile, "enableTheta3", ctx.height))
    return execFail(ExecCode.Generic, "stake_reward_distribution: tx type not supported yet");
  if (!Coin.isValid(tx.holder.coins))
    return execFail(
      ExecCode.Generic,
      "stake_reward_distribution.holder.coins: expected non-negative amounts",
    );
  const holder = await getInput(ctx.state, tx.holder.address, ctx.height);
  if (holder === undefined) {
    return execFail(
      ExecCode.Generic,
      `stake_reward_distribution.holder: unknown address 0x${bytesToHex(tx.holder.address)}`,
    );
  }
  const input = validateInput(ctx, tx, holder, tx.holder);
  if (!input.ok) return input;
  if (!Coin.isValid(tx.beneficiary.coins)) {
    return execFail(
      ExecCode.Generic,
      "stake_reward_distribution.beneficiary.coins: expected non-negative amounts",
    );
  }
  if (tx.splitBasisPoint > MAX_SPLIT_BASIS_POINT) {
    return execFail(
      ExecCode.Generic,
      `stake_reward_distribution.split_basis_point: expected at most ${MAX_SPLIT_BASIS_POINT} (10.00%), got ${tx.splitBasisPoint}`,
    );
  }
  const fee = checkFee(tx.fee, minTxFee(ctx.profile, ctx.height));
  if (!fee.ok) return fee;
  if (!Coin.isGTE(holder.balance, tx.fee))
    return execFail(ExecCode.Generic, "stake_reward_distribution: holder balance below the fee");
  if (ctx.mode === ExecMode.Check) return EXEC_OK;
  if (tx.splitBasisPoint === 0n) await ctx.state.deleteRewardDistribution(tx.holder.address);
  else {
    await ctx.state.setRewardDistribution({
      stakeHolder: tx.holder.address,
      beneficiary: tx.beneficiary.address,
      splitBasisPoint: tx.splitBasisPoint,
    });
  }
  await ctx.state.setAccount({
    ...holder,
    balance: Coin.minus(holder.balance, tx.fee),
    sequence: holder.sequence + 1n,
  });
  return EXEC_OK;
}
