/**
 * Double-spend and overspend detection: given payments for one pool seen by several
 * relays (or shared between them), tell whether the payer promised more than the fund, and build
 * the OverspendingProof a SlashTx carries (settled records first, then the unsettled payments).
 */
import {
  bytesToHex,
  encodeOverspendingProof,
  equalBytes,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
} from "@theta/core-types";
import type { PoolInfo, SignatureVerifier } from "./ports.ts";

/** Whether the payer promised more than its pool holds, and if so the proof. */
export type OverspendVerdict =
  | { readonly overspent: false; readonly promised: bigint }
  | {
      readonly overspent: true;
      readonly promised: bigint;
      /** RLP(OverspendingProof) for SlashTx.SlashProof. */
      readonly proof: Uint8Array;
      readonly payments: readonly ServicePaymentTx[];
    };

/**
 * Counts, per (target, payment sequence), the largest validly signed amount (the settled record
 * where one exists), and compares the total with the pool's initial fund. Payments that are not
 * from this pool or whose signature fails are ignored.
 */
export function detectOverspend(
  pool: PoolInfo,
  payments: readonly ServicePaymentTx[],
  chainId: string,
  verifier: SignatureVerifier,
): OverspendVerdict {
  const slots = new Map<string, ServicePaymentTx>();
  const keyOf = (p: ServicePaymentTx) => `${bytesToHex(p.target.address)}/${p.paymentSequence}`;
  for (const r of pool.transferRecords) slots.set(keyOf(r), r);
  const settledKeys = new Set(slots.keys());
  for (const p of payments) {
    if (!equalBytes(p.source.address, pool.source) || p.reserveSequence !== pool.reserveSequence) continue;
    const key = keyOf(p);
    if (settledKeys.has(key)) continue;
    if (!verifier.verify(servicePaymentSourceSignBytes(chainId, p), p.source.signature, p.source.address))
      continue;
    const prev = slots.get(key);
    if (!prev || p.source.coins.tfuelWei > prev.source.coins.tfuelWei) slots.set(key, p);
  }
  let promised = 0n;
  for (const p of slots.values()) promised += p.source.coins.tfuelWei;
  if (promised <= pool.initialFund) return { overspent: false, promised };
  const ordered = [
    ...pool.transferRecords,
    ...[...slots.entries()].filter(([k]) => !settledKeys.has(k)).map(([, p]) => p),
  ];
  return {
    overspent: true,
    promised,
    payments: ordered,
    proof: encodeOverspendingProof({ reserveSequence: pool.reserveSequence, servicePayments: ordered }),
  };
}
