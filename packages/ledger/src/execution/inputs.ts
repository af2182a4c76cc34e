/** Common input validation `validateInputAdvanced` (docs/ledger.md §4.4) and the fee check (§4.5). */
import {
  type Account,
  Coin,
  type Coins,
  isActive,
  SignBytesWrapper,
  type Tx,
  type TxInput,
} from "@theta/core-types";
import { verifyTxSignature } from "@theta/crypto";
import type { ExecContext } from "./context.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";

/** The sign-bytes wrappers accepted at the context's height: V1, plus V2 from `txWrapperExtension`. */
export function acceptedWrappers(ctx: ExecContext): SignBytesWrapper[] {
  return isActive(ctx.profile, "txWrapperExtension", ctx.height)
    ? [SignBytesWrapper.V1, SignBytesWrapper.V2]
    : [SignBytesWrapper.V1];
}

/** Sequence, then balance, then signature, in the reference's order. */
export function validateInput(ctx: ExecContext, tx: Tx, account: Account, input: TxInput): ExecResult {
  if (input.sequence !== account.sequence + 1n) {
    return execFail(
      ExecCode.InvalidSequence,
      `input sequence: expected ${account.sequence + 1n}, got ${input.sequence}`,
    );
  }
  if (!Coin.isGTE(account.balance, input.coins)) {
    return execFail(ExecCode.InsufficientFund, "input coins: exceed the account balance");
  }
  const w = verifyTxSignature(
    ctx.crypto,
    ctx.profile.chainId,
    tx,
    input.signature,
    input.address,
    acceptedWrappers(ctx),
  );
  if (w === undefined)
    return execFail(ExecCode.InvalidSignature, "input signature: does not verify over the sign bytes");
  return EXEC_OK;
}

/** The fee must be TFuel only and at least `min`. */
export function checkFee(fee: Coins, min: bigint): ExecResult {
  if (fee.thetaWei !== 0n) return execFail(ExecCode.InvalidFee, "fee: expected no THETA");
  if (fee.tfuelWei < min) {
    return execFail(ExecCode.InvalidFee, `fee: expected at least ${min} TFuelWei, got ${fee.tfuelWei}`);
  }
  return EXEC_OK;
}
