/**
 * Slashing of an overspent micropayment pool docs/decisions.md §8; docs/ledger.md §5.2
 * "intended logic", docs/ledger.md §6.4). On chains whose profile enables it, an overspending settlement raises
 * a slash intent (`recordOverspend`, called by the ServicePayment executor); the next proposer
 * turns it into a SlashTx (`slashTxFromIntent`), whose executor pays the pool's collateral plus
 * its remaining fund to the proposer and removes the pool. Elsewhere SlashTx is an unknown type.
 */
import {
  type Account,
  type Address,
  bytesToHex,
  Coin,
  encodeOverspendingProof,
  equalBytes,
  type ServicePaymentTx,
  SignBytesWrapper,
  type SlashIntent,
  type SlashTx,
  TxType,
} from "@theta/core-types";
import { verifyTxSignature } from "@theta/crypto";
import { checkSlash } from "@theta/micropayment";
import { getInput } from "./accounts.ts";
import { type ExecContext, ExecMode } from "./context.ts";
import { EXEC_OK, ExecCode, type ExecResult, execFail } from "./resultCodes.ts";

/**
 * The slash intent of an overspending settlement: the pool the settlement draws on (same reserve
 * sequence, listing its resource) and the proof RLP(OverspendingProof) = its settled records
 * followed by the offending payment. Undefined when `source` has no such pool.
 */
export function slashIntentFromOverspend(source: Account, tx: ServicePaymentTx): SlashIntent | undefined {
  const pool = source.reservedFunds.find(
    (f) => f.reserveSequence === tx.reserveSequence && f.resourceIds.includes(tx.resourceId),
  );
  if (pool === undefined) return undefined;
  const servicePayments = [...pool.transferRecords, tx];
  return {
    address: source.address,
    reserveSequence: pool.reserveSequence,
    proof: encodeOverspendingProof({ reserveSequence: pool.reserveSequence, servicePayments }),
  };
}

/**
 * The hook of an overspending settlement: on a slashing chain, in deliver mode with a block
 * scratch, records the intent for the next proposer and returns it; otherwise does nothing.
 */
export function recordOverspend(
  ctx: ExecContext,
  source: Account,
  tx: ServicePaymentTx,
): SlashIntent | undefined {
  if (!ctx.profile.slashingEnabled || ctx.mode !== ExecMode.Deliver || ctx.scratch === undefined)
    return undefined;
  const intent = slashIntentFromOverspend(source, tx);
  if (intent !== undefined) ctx.scratch.slashIntents.push(intent);
  return intent;
}

/** The unsigned SlashTx a proposer includes for `intent` (sign it with the proposer's key). */
export function slashTxFromIntent(intent: SlashIntent, proposer: Address): SlashTx {
  return {
    type: TxType.Slash,
    proposer: {
      address: proposer,
      coins: { thetaWei: 0n, tfuelWei: 0n },
      sequence: 0n,
      signature: new Uint8Array(0),
    },
    slashedAddress: intent.address,
    reserveSequence: intent.reserveSequence,
    slashProof: intent.proof,
  };
}

/** Checks a SlashTx and, in deliver mode, moves the slashed pool to the proposer. */
export async function executeSlashTx(ctx: ExecContext, tx: SlashTx): Promise<ExecResult> {
  if (!ctx.profile.slashingEnabled) {
    return execFail(
      ExecCode.Generic,
      `SlashTx: unknown tx type (slashing is disabled on ${ctx.profile.name})`,
    );
  }
  const info = ctx.rewards;
  if (ctx.mode === ExecMode.Check || info === undefined) {
    return execFail(ExecCode.UnauthorizedTx, "slash: only a block's proposer may include it");
  }
  if (!Coin.isValid(tx.proposer.coins))
    return execFail(ExecCode.Generic, "slash.proposer.coins: expected non-negative amounts");
  const proposer = tx.proposer.address;
  if (!info.validators.some((v) => equalBytes(v.address, proposer))) {
    return execFail(ExecCode.Generic, `slash.proposer: 0x${bytesToHex(proposer)} is not a validator`);
  }
  if ((await getInput(ctx.state, proposer, ctx.height)) === undefined) {
    return execFail(ExecCode.Generic, `slash.proposer: unknown address 0x${bytesToHex(proposer)}`);
  }
  const signed = verifyTxSignature(ctx.crypto, ctx.profile.chainId, tx, tx.proposer.signature, proposer, [
    SignBytesWrapper.V1,
  ]);
  if (signed === undefined) return execFail(ExecCode.Generic, "slash.proposer.signature: does not verify");
  const slashed = await ctx.state.getAccount(tx.slashedAddress);
  if (slashed === undefined) {
    return execFail(
      ExecCode.Generic,
      `slash.slashed_address: account 0x${bytesToHex(tx.slashedAddress)} does not exist`,
    );
  }
  const r = checkSlash(slashed, tx.reserveSequence, tx.slashProof, ctx.profile.chainId, ctx.crypto);
  if (!r.ok) return execFail(ExecCode.Generic, `slash: ${r.message}`);
  if (ctx.mode !== ExecMode.Deliver) return EXEC_OK;
  // A proposer slashing its own pool keeps the pool's funds (written once, not overwritten).
  const self = equalBytes(proposer, slashed.address);
  const winner = self ? r.value.slashed : (await ctx.state.getAccount(proposer))!;
  if (!self) await ctx.state.setAccount(r.value.slashed);
  await ctx.state.setAccount({ ...winner, balance: Coin.plus(winner.balance, r.value.reward) });
  return EXEC_OK;
}
