/** SendTx (docs/ledger.md §5.3): checks in the reference's order, then the balance moves. */
import {
  type Account,
  Coin,
  type Coins,
  isActive,
  isSmartContract,
  minSendTxFee,
  type SendTx,
  ZERO_COINS,
} from "@theta/core-types";
import { addressKey, createAddressSet, getInput, getOrMakeAccount } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { checkFee, validateInput } from "./inputs.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";

/** Most accounts a tx may touch (`MaxAccountsAffectedPerTx`). */
export const MAX_ACCOUNTS_AFFECTED_PER_TX = 512;

const sum = (cs: readonly Coins[]): Coins => cs.reduce((a, b) => Coin.plus(a, b), ZERO_COINS);

/** Checks a SendTx and, in deliver mode, applies it to `ctx.state`. */
export async function executeSendTx(ctx: ExecContext, tx: SendTx): Promise<ExecResult> {
  const nIn = tx.inputs.length;
  for (let i = 0; i < nIn + tx.outputs.length; i++) {
    const x = i < nIn ? tx.inputs[i]!.coins : tx.outputs[i - nIn]!.coins;
    if (!Coin.isValid(x))
      return execFail(ExecCode.Generic, `send: coins of account ${i}: expected non-negative amounts`);
  }
  if (tx.inputs.length === 0) return execFail(ExecCode.Generic, "send.inputs: expected at least one input");
  if (tx.outputs.length === 0)
    return execFail(ExecCode.Generic, "send.outputs: expected at least one output");
  if (tx.inputs.length + tx.outputs.length > MAX_ACCOUNTS_AFFECTED_PER_TX) {
    return execFail(
      ExecCode.Generic,
      `send: expected at most ${MAX_ACCOUNTS_AFFECTED_PER_TX} inputs and outputs`,
    );
  }
  // Stryker disable next-line ArithmeticOperator: the size only picks the set's implementation (a list or a hashed Set); both find every repeat
  const seen = createAddressSet(nIn + tx.outputs.length);
  const inputs: Account[] = [];
  for (const [i, input] of tx.inputs.entries()) {
    if (!seen.add(input.address))
      return execFail(
        ExecCode.Generic,
        `send.inputs[${i}]: duplicated address 0x${addressKey(input.address)}`,
      );
    const acc = await getInput(ctx.state, input.address, ctx.height);
    if (acc === undefined)
      return execFail(ExecCode.Generic, `send.inputs[${i}]: unknown address 0x${addressKey(input.address)}`);
    inputs.push(acc);
  }
  const outputs: Account[] = [];
  for (const [i, output] of tx.outputs.entries()) {
    if (!seen.add(output.address)) {
      return execFail(
        ExecCode.Generic,
        `send.outputs[${i}]: address 0x${addressKey(output.address)} appears twice`,
      );
    }
    outputs.push(await getOrMakeAccount(ctx.state, output.address, ctx.height));
  }
  if (
    isActive(ctx.profile, "enableSmartContract", ctx.height) &&
    (inputs.some(isSmartContract) || outputs.some(isSmartContract))
  ) {
    return execFail(ExecCode.Generic, "send: expected no smart contract among the accounts");
  }
  for (const [i, input] of tx.inputs.entries()) {
    const r = validateInput(ctx, tx, inputs[i]!, input);
    if (!r.ok) return r;
  }
  const fee = checkFee(tx.fee, minSendTxFee(ctx.profile, ctx.height, tx.inputs.length + tx.outputs.length));
  if (!fee.ok) return fee;
  const totalIn = sum(tx.inputs.map((x) => x.coins));
  const totalOut = Coin.plus(sum(tx.outputs.map((o) => o.coins)), tx.fee);
  if (!Coin.isEqual(totalIn, totalOut)) {
    return execFail(ExecCode.Generic, "send: expected the inputs to equal the outputs plus the fee");
  }
  if (ctx.mode === ExecMode.Check) return EXEC_OK;
  for (const [i, input] of tx.inputs.entries()) {
    const acc = inputs[i]!;
    await ctx.state.setAccount({
      ...acc,
      balance: Coin.minus(acc.balance, input.coins),
      sequence: acc.sequence + 1n,
    });
  }
  for (const [i, output] of tx.outputs.entries()) {
    const acc = outputs[i]!;
    await ctx.state.setAccount({ ...acc, balance: Coin.plus(acc.balance, output.coins) });
  }
  return EXEC_OK;
}
