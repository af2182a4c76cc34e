/**
 * CoinbaseTx (docs/ledger.md §5.1): once per block, proposed by a validator of the block, signed over
 * the V1 sign bytes, for height P, paying exactly the block rewards of docs/ledger.md §8 (any output order).
 */
import {
  type Account,
  bytesToHex,
  Coin,
  type CoinbaseTx,
  equalBytes,
  SignBytesWrapper,
} from "@theta/core-types";
import { verifyTxSignature } from "@theta/crypto";
import { computeBlockRewards } from "../rewards/blockRewards.ts";
import { addressKey, getOrMakeAccount } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";

/** Checks a CoinbaseTx against the block's rewards and, in deliver mode, pays its outputs. */
export async function executeCoinbaseTx(ctx: ExecContext, tx: CoinbaseTx): Promise<ExecResult> {
  const { rewards: info, scratch } = ctx;
  if (ctx.mode === ExecMode.Check || info === undefined || scratch === undefined) {
    return execFail(ExecCode.UnauthorizedTx, "coinbase: only a block's proposer may include it");
  }
  if (!Coin.isValid(tx.proposer.coins))
    return execFail(ExecCode.Generic, "coinbase.proposer.coins: expected non-negative amounts");
  if (scratch.coinbaseProcessed) {
    return execFail(
      ExecCode.Generic,
      "coinbase: another coinbase transaction has been processed for this block",
    );
  }
  const proposer = tx.proposer.address;
  if (!info.validators.some((v) => equalBytes(v.address, proposer))) {
    return execFail(ExecCode.Generic, `coinbase.proposer: 0x${bytesToHex(proposer)} is not a validator`);
  }
  await getOrMakeAccount(ctx.state, proposer, ctx.height);
  const signed = verifyTxSignature(ctx.crypto, ctx.profile.chainId, tx, tx.proposer.signature, proposer, [
    SignBytesWrapper.V1,
  ]);
  if (signed === undefined) return execFail(ExecCode.Generic, "coinbase.proposer.signature: does not verify");
  const outputs = new Map<string, Account>();
  for (const [i, o] of tx.outputs.entries()) {
    const k = addressKey(o.address);
    if (outputs.has(k))
      return execFail(ExecCode.Generic, `coinbase.outputs[${i}]: address 0x${k} appears twice`);
    outputs.set(k, await getOrMakeAccount(ctx.state, o.address, ctx.height));
  }
  if (tx.blockHeight !== ctx.height - 1n) {
    return execFail(
      ExecCode.Generic,
      `coinbase.block_height: expected ${ctx.height - 1n} (the parent height), got ${tx.blockHeight}`,
    );
  }
  const expected = await computeBlockRewards(ctx, info);
  if (expected.size !== tx.outputs.length) {
    return execFail(
      ExecCode.Generic,
      `coinbase.outputs: expected ${expected.size} rewarded accounts, got ${tx.outputs.length}`,
    );
  }
  const byAddress = new Map(expected.entries().map((e) => [addressKey(e.address), e.amount]));
  for (const [i, o] of tx.outputs.entries()) {
    const amount = byAddress.get(addressKey(o.address));
    if (amount === undefined || o.coins.thetaWei !== 0n || o.coins.tfuelWei !== amount) {
      return execFail(
        ExecCode.Generic,
        `coinbase.outputs[${i}]: invalid reward for 0x${bytesToHex(o.address)}, expected ${amount ?? "none"} TFuelWei`,
      );
    }
  }
  for (const o of tx.outputs) {
    const acc = outputs.get(addressKey(o.address))!;
    await ctx.state.setAccount({ ...acc, balance: Coin.plus(acc.balance, o.coins) });
  }
  scratch.coinbaseProcessed = true;
  return EXEC_OK;
}
