/**
 * The transaction dispatcher (docs/ledger.md §4.1, §4.2): the availability gates by height, the
 * screening rule for Coinbase and Slash, then the executor of the tx's type.
 */
import { decodeTx, isActive, isThetaError, TX_TYPE_NAMES, type Tx, TxType } from "@theta/core-types";
import { executeCoinbaseTx } from "./coinbaseTx.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { executeDepositStakeTx } from "./depositStakeTx.ts";
import { executeReleaseFundTx, executeReserveFundTx } from "./reserveFundTx.ts";
import { ExecCode, execFail } from "./resultCodes.ts";
import { executeSendTx } from "./sendTx.ts";
import { executeServicePaymentTx } from "./servicePaymentTx.ts";
import { executeSlashTx } from "./slashTx.ts";
import { executeSmartContractTx, type TxExecResult } from "./smartContractTx.ts";
import { executeSplitRuleTx } from "./splitRuleTx.ts";
import { executeStakeRewardDistributionTx } from "./stakeRewardDistributionTx.ts";
import { executeWithdrawStakeTx } from "./withdrawStakeTx.ts";

const notSupported = (tx: Tx): TxExecResult =>
  execFail(ExecCode.Generic, `${TX_TYPE_NAMES[tx.type]}: tx type not supported yet at this height`);

/**
 * Checks `tx` (check mode) or checks and applies it (deliver mode) at `ctx.height`. Protocol
 * failures are values; a ThetaError is thrown only for misconfiguration (e.g. no runtime).
 */
export async function executeTx(ctx: ExecContext, tx: Tx): Promise<TxExecResult> {
  const h = ctx.height;
  if (ctx.mode === ExecMode.Check && (tx.type === TxType.Coinbase || tx.type === TxType.Slash)) {
    return execFail(ExecCode.UnauthorizedTx, `${TX_TYPE_NAMES[tx.type]}: only a proposer may include it`);
  }
  switch (tx.type) {
    case TxType.Send:
      return executeSendTx(ctx, tx);
    case TxType.ReserveFund:
      return executeReserveFundTx(ctx, tx);
    case TxType.ReleaseFund:
      return executeReleaseFundTx(ctx, tx);
    case TxType.ServicePayment:
      return executeServicePaymentTx(ctx, tx);
    case TxType.SplitRule:
      return executeSplitRuleTx(ctx, tx);
    case TxType.SmartContract:
      if (!isActive(ctx.profile, "enableSmartContract", h)) return notSupported(tx);
      return executeSmartContractTx(ctx, tx);
    case TxType.DepositStakeV2:
      if (!isActive(ctx.profile, "enableTheta2", h)) return notSupported(tx);
      return executeDepositStakeTx(ctx, tx);
    case TxType.StakeRewardDistribution:
      if (!isActive(ctx.profile, "enableTheta3", h)) return notSupported(tx);
      return executeStakeRewardDistributionTx(ctx, tx);
    case TxType.DepositStake:
      return executeDepositStakeTx(ctx, tx);
    case TxType.WithdrawStake:
      return executeWithdrawStakeTx(ctx, tx);
    case TxType.Coinbase:
      return executeCoinbaseTx(ctx, tx);
    case TxType.Slash:
      return executeSlashTx(ctx, tx);
  }
}

/** The outcome of decoding and executing raw tx bytes; `tx` is set when decoding succeeded. */
export type DecodedExecResult = TxExecResult & { readonly tx?: Tx };

/**
 * Decodes `raw` strictly and executes it. A decoding failure is a failure value (code Generic,
 * the decoder's message naming the field), never a throw.
 */
export async function decodeAndExecute(ctx: ExecContext, raw: Uint8Array): Promise<DecodedExecResult> {
  let tx: Tx;
  try {
    tx = decodeTx(raw);
  } catch (e) {
    if (isThetaError(e)) return execFail(ExecCode.Generic, `tx decoding: ${e.message}`);
    throw e;
  }
  return { ...(await executeTx(ctx, tx)), tx };
}
