/**
 * DepositStakeTx and DepositStakeTxV2 (docs/ledger.md §5.9): one executor, the legacy type read as V2
 * with empty BLS fields. Checks in the reference's order (sanity, then the process-time pool
 * rules); check mode runs them all and writes nothing.
 */
import {
  type Account,
  bytesToHex,
  Coin,
  type DepositStakeTx,
  type DepositStakeTxV2,
  depositStakeToV2,
  isActive,
  minGuardianStake,
  minTxFee,
  minValidatorStake,
  StakePurpose,
  TxType,
} from "@theta/core-types";
import { MAX_EEN_STAKE_DEPOSIT, MIN_EEN_STAKE_DEPOSIT } from "../staking/amounts.ts";
import { checkBlsSummary } from "../staking/blsSummary.ts";
import { eenActiveStake, planEenDeposit, writeEenUpdate } from "../staking/eliteEdgeNodes.ts";
import { gcpContains, gcpDeposit } from "../staking/guardianPool.ts";
import { vcpDeposit } from "../staking/validatorPool.ts";
import type { StateView } from "../state/stateView.ts";
import { getInput } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { checkFee, validateInput } from "./inputs.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";

/** True for the three stake purposes (validator, guardian, elite edge node). */
export function isStakePurpose(purpose: number): boolean {
  return (
    purpose === StakePurpose.Validator ||
    purpose === StakePurpose.Guardian ||
    purpose === StakePurpose.EliteEdgeNode
  );
}

/** Appends the block height H to `ls/sthl` (validator-purpose stake changes only). */
export async function appendStakeTxHeight(state: StateView, height: bigint): Promise<void> {
  await state.setStakeTransactionHeightList([...(await state.getStakeTransactionHeightList()), height]);
}

/** Checks a deposit and, in deliver mode, moves the stake from the source into the pool. */
export async function executeDepositStakeTx(
  ctx: ExecContext,
  transaction: DepositStakeTx | DepositStakeTxV2,
): Promise<ExecResult> {
  if (transaction.type === TxType.DepositStakeV2 && !isActive(ctx.profile, "enableTheta2", ctx.height)) {
    return execFail(ExecCode.Generic, "deposit_stake: feature guardian is not active yet");
  }
  const tx = transaction.type === TxType.DepositStake ? depositStakeToV2(transaction) : transaction;
  if (!Coin.isValid(tx.source.coins))
    return execFail(ExecCode.Generic, "deposit_stake.source.coins: expected non-negative amounts");
  const source = await getInput(ctx.state, tx.source.address, ctx.height);
  if (source === undefined) {
    return execFail(
      ExecCode.Generic,
      `deposit_stake.source: unknown address 0x${bytesToHex(tx.source.address)}`,
    );
  }
  const input = validateInput(ctx, transaction, source, tx.source);
  if (!input.ok) return input;
  const fee = checkFee(tx.fee, minTxFee(ctx.profile, ctx.height));
  if (!fee.ok) return fee;
  const sanity = await checkStake(ctx, tx);
  if (!sanity.ok) return sanity;
  const stake = tx.source.coins;
  if (!Coin.isGTE(source.balance, Coin.plus(stake, tx.fee))) {
    return execFail(ExecCode.InsufficientStake, "deposit_stake: balance below the stake plus the fee");
  }
  return depositInto(ctx, tx, { ...source, balance: Coin.minus(source.balance, tx.fee) });
}

/** Sanity steps 5–10: purpose, currency, per-purpose minimum, EEN availability and cap. */
async function checkStake(ctx: ExecContext, tx: DepositStakeTxV2): Promise<ExecResult> {
  if (!isStakePurpose(tx.purpose)) {
    return execFail(
      ExecCode.InvalidStakePurpose,
      `deposit_stake.purpose: expected 0, 1 or 2, got ${tx.purpose}`,
    );
  }
  const stake = tx.source.coins;
  if (!Coin.isValid(stake))
    return execFail(ExecCode.InvalidStake, "deposit_stake.source.coins: expected a non-negative stake");
  if (tx.purpose !== StakePurpose.EliteEdgeNode && stake.tfuelWei !== 0n) {
    return execFail(
      ExecCode.InvalidStake,
      "deposit_stake.source.coins: TFuel must be zero for validator or guardian stake",
    );
  }
  if (tx.purpose === StakePurpose.EliteEdgeNode && stake.thetaWei !== 0n) {
    return execFail(
      ExecCode.InvalidStake,
      "deposit_stake.source.coins: THETA must be zero for elite edge node stake",
    );
  }
  const min =
    tx.purpose === StakePurpose.Validator
      ? minValidatorStake(ctx.profile, ctx.height)
      : tx.purpose === StakePurpose.Guardian
        ? minGuardianStake(ctx.profile, ctx.height)
        : undefined;
  if (min !== undefined && stake.thetaWei < min) {
    return execFail(
      ExecCode.InsufficientStake,
      `deposit_stake.source.coins: expected at least ${min} ThetaWei`,
    );
  }
  if (tx.purpose !== StakePurpose.EliteEdgeNode) return EXEC_OK;
  if (!isActive(ctx.profile, "enableTheta3", ctx.height)) {
    return execFail(ExecCode.Generic, "deposit_stake: elite edge node staking is not enabled yet");
  }
  if (stake.tfuelWei < MIN_EEN_STAKE_DEPOSIT) {
    return execFail(
      ExecCode.InsufficientStake,
      `deposit_stake.source.coins: expected at least ${MIN_EEN_STAKE_DEPOSIT} TFuelWei`,
    );
  }
  if ((await eenActiveStake(ctx.state, tx.holder.address)) + stake.tfuelWei > MAX_EEN_STAKE_DEPOSIT) {
    return execFail(
      ExecCode.StakeExceedsCap,
      `deposit_stake: at most ${MAX_EEN_STAKE_DEPOSIT} TFuelWei may be staked to one elite edge node`,
    );
  }
  return EXEC_OK;
}

/** Process: the pool deposit on the fee-charged source, then the writes (deliver mode only). */
async function depositInto(ctx: ExecContext, tx: DepositStakeTxV2, charged: Account): Promise<ExecResult> {
  const stake = tx.source.coins;
  if (!Coin.isGTE(charged.balance, stake))
    return execFail(ExecCode.NotEnoughBalanceToStake, "deposit_stake: not enough balance to stake");
  const src = tx.source.address;
  const holder = tx.holder.address;
  const fail = (m: string) => execFail(ExecCode.Generic, `deposit_stake: failed to deposit stake: ${m}`);
  let write: () => Promise<void>;
  if (tx.purpose === StakePurpose.Validator) {
    const min = minValidatorStake(ctx.profile, ctx.height);
    const r = vcpDeposit(
      await ctx.state.getVcp(),
      src,
      holder,
      stake.thetaWei,
      min,
      ctx.crypto.toChecksumAddress,
    );
    if (!r.ok) return fail(r.message);
    write = async () => {
      await ctx.state.setVcp(r.value);
      await appendStakeTxHeight(ctx.state, ctx.height);
    };
  } else if (tx.purpose === StakePurpose.Guardian) {
    const gcp = (await ctx.state.getGcp()) ?? { sortedGuardians: [] };
    if (!gcpContains(gcp, holder)) {
      const bls = checkBlsSummary(ctx.crypto, { ...tx, holder });
      if (!bls.ok) return execFail(ExecCode.Generic, bls.message);
    }
    const min = minGuardianStake(ctx.profile, ctx.height);
    const r = gcpDeposit(gcp, src, holder, stake.thetaWei, tx.blsPubkey, min);
    if (!r.ok) return fail(r.message);
    write = () => ctx.state.setGcp(r.value);
  } else {
    if ((await ctx.state.getEliteEdgeNode(holder)) === undefined) {
      const bls = checkBlsSummary(ctx.crypto, { ...tx, holder });
      if (!bls.ok) return execFail(ExecCode.Generic, bls.message);
    }
    const r = await planEenDeposit(ctx.state, src, holder, stake.tfuelWei, tx.blsPubkey);
    if (!r.ok) return fail(r.message);
    write = () => writeEenUpdate(ctx.state, r.value);
  }
  if (ctx.mode === ExecMode.Check) return EXEC_OK;
  await write();
  await ctx.state.setAccount({
    ...charged,
    balance: Coin.minus(charged.balance, stake),
    sequence: charged.sequence + 1n,
  });
  return EXEC_OK;
}
