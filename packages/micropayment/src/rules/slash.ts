/**
 * Slashing of an overspent pool docs/decisions.md §8; docs/ledger.md §5.2 "intended logic"):
 * on chains whose profile enables it, a SlashTx carrying an OverspendingProof moves the pool's
 * collateral plus its remaining fund to the proposer and removes the pool.
 */
import {
  type Account,
  bytesToHex,
  Coin,
  type Coins,
  decodeOverspendingProof,
  equalBytes,
  isThetaError,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
} from "@theta/core-types";
import { MicropaymentErrorCode } from "../errors.ts";
import type { SignatureVerifier } from "../ports.ts";
import { type RuleResult, ruleErr, ruleOk } from "./result.ts";

const INVALID_SLASH = 100000;

/** What the proposer receives and the slashed account keeps. */
export interface SlashOutcome {
  readonly slashed: Account;
  readonly reward: Coins;
}

/**
 * Validates the proof against the slashed account's pool: only payments from that account for
 * that pool, each with a valid source signature, no (target, payment sequence) twice, and a
 * total above the pool's InitialFund.
 */
export function checkSlash(
  slashed: Account,
  reserveSequence: bigint,
  proofBytes: Uint8Array,
  chainId: string,
  verifier: SignatureVerifier,
): RuleResult<SlashOutcome> {
  const fail = (message: string) =>
    ruleErr<SlashOutcome>(MicropaymentErrorCode.InvalidSlashProof, INVALID_SLASH, message);
  const index = slashed.reservedFunds.findIndex((f) => f.reserveSequence === reserveSequence);
  if (index < 0) return fail(`No reserved fund with reserve sequence ${reserveSequence}`);
  const pool = slashed.reservedFunds[index]!;
  let payments: readonly ServicePaymentTx[];
  try {
    const proof = decodeOverspendingProof(proofBytes);
    if (proof.reserveSequence !== reserveSequence) return fail("proof is for another reserve sequence");
    payments = proof.servicePayments;
  } catch (e) {
    if (isThetaError(e)) return fail(`malformed overspending proof: ${e.message}`);
    throw e;
  }
  const seen = new Set<string>();
  let total: Coins = { thetaWei: 0n, tfuelWei: 0n };
  for (const p of payments) {
    if (!equalBytes(p.source.address, slashed.address) || p.reserveSequence !== reserveSequence) {
      return fail("proof contains a payment from another pool");
    }
    const key = `${bytesToHex(p.target.address)}/${p.paymentSequence}`;
    if (seen.has(key)) return fail(`payment (target, sequence) ${key} appears twice`);
    seen.add(key);
    if (!verifier.verify(servicePaymentSourceSignBytes(chainId, p), p.source.signature, p.source.address)) {
      return fail(`payment ${key} has an invalid source signature`);
    }
    total = Coin.plus(total, p.source.coins);
  }
  if (!(total.tfuelWei > pool.initialFund.tfuelWei || total.thetaWei > pool.initialFund.thetaWei)) {
    return fail("the payments do not exceed the pool's fund");
  }
  const remaining = Coin.minus(pool.initialFund, pool.usedFund);
  const reward = Coin.plus(pool.collateral, {
    thetaWei: remaining.thetaWei > 0n ? remaining.thetaWei : 0n,
    tfuelWei: remaining.tfuelWei > 0n ? remaining.tfuelWei : 0n,
  });
  const funds = slashed.reservedFunds.filter((_, i) => i !== index);
  return ruleOk({ slashed: { ...slashed, reservedFunds: funds }, reward });
}
