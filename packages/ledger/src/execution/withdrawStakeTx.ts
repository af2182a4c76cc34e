/**
 * WithdrawStakeTx (docs/ledger.md §5.10): the whole (holder, source) stake is marked withdrawn with
 * return height P + the locking period; nothing is paid back until the block-end return step.
 */
import { bytesToHex, Coin, minTxFee, StakePurpose, type WithdrawStakeTx } from "@theta/core-types";
import { planEenWithdraw, writeEenUpdate } from "../staking/eliteEdgeNodes.ts";
import { gcpWithdraw } from "../staking/guardianPool.ts";
import { vcpWithdraw } from "../staking/validatorPool.ts";
import { getInput } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { appendStakeTxHeight, isStakePurpose } from "./depositStakeTx.ts";
import { checkFee, validateInput } from "./inputs.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";

/** Checks a withdrawal and, in deliver mode, marks the stake withdrawn and charges the fee. */
export async function executeWithdrawStakeTx(ctx: ExecContext, tx: WithdrawStakeTx): Promise<ExecResult> {
  if (!Coin.isValid(tx.source.coins))
    return execFail(ExecCode.Generic, "withdraw_stake.source.coins: expected non-negative amounts");
  const source = await getInput(ctx.state, tx.source.address, ctx.height);
  if (source === undefined) {
    return execFail(
      ExecCode.Generic,
      `withdraw_stake.source: unknown address 0x${bytesToHex(tx.source.address)}`,
    );
  }
  const input = validateInput(ctx, tx, source, tx.source);
  if (!input.ok) return input;
  const fee = checkFee(tx.fee, minTxFee(ctx.profile, ctx.height));
  if (!fee.ok) return fee;
  if (!isStakePurpose(tx.purpose)) {
    return execFail(
      ExecCode.InvalidStakePurpose,
      `withdraw_stake.purpose: expected 0, 1 or 2, got ${tx.purpose}`,
    );
  }
  if (!Coin.isGTE(source.balance, tx.fee))
    return execFail(ExecCode.Generic, "withdraw_stake: source balance below the fee");

  const src = tx.source.address;
  const holder = tx.holder.address;
  const returnHeight = ctx.height - 1n + ctx.profile.returnLockingPeriod;
  const fail = (m: string) => execFail(ExecCode.Generic, `withdraw_stake: failed to withdraw stake: ${m}`);
  let write: () => Promise<void>;
  if (tx.purpose === StakePurpose.Validator) {
    const r = vcpWithdraw(await ctx.state.getVcp(), src, holder, returnHeight, ctx.crypto.toChecksumAddress);
    if (!r.ok) return fail(r.message);
    write = async () => {
      await ctx.state.setVcp(r.value);
      await appendStakeTxHeight(ctx.state, ctx.height);
    };
  } else if (tx.purpose === StakePurpose.Guardian) {
    const r = gcpWithdraw((await ctx.state.getGcp()) ?? { sortedGuardians: [] }, src, holder, returnHeight);
    if (!r.ok) return fail(r.message);
    write = () => ctx.state.setGcp(r.value);
  } else {
    const r = await planEenWithdraw(ctx.state, src, holder, returnHeight);
    if (!r.ok) return fail(r.message);
    write = () => writeEenUpdate(ctx.state, r.value);
  }
  if (ctx.mode === ExecMode.Check) return EXEC_OK;
  await write();
  await ctx.state.setAccount({
    ...source,
    balance: Coin.minus(source.balance, tx.fee),
    sequence: source.sequence + 1n,
  });
  return EXEC_OK;
}
