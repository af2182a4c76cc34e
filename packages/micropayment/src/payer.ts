/**
 * The payer's side of a pool (docs/ledger.md §6.3): cumulative amounts per (target, payment
 * sequence), and a hard refusal to promise more than the pool still holds.
 */
import {
  type Address,
  bytesToHex,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
  ThetaError,
} from "@theta/core-types";
import { MicropaymentErrorCode } from "./errors.ts";
import { unsignedPayment } from "./payment.ts";
import type { PaymentSigner, PoolInfo } from "./ports.ts";
import { lastSettledPaymentSequence } from "./rules/transfer.ts";

/** What a payer needs: its signer and the chain id it signs for. */
export interface PayerDeps {
  readonly signer: PaymentSigner;
  readonly chainId: string;
}

/** The viewer's side of a pool: signs cumulative payments and never promises more than the pool holds. */
export interface Payer {
  /** Pays `increment` TFuel wei more to `target`; returns the signed cumulative payment. */
  pay(target: Address, resourceId: string, increment: bigint): ServicePaymentTx;
  /** Feeds in the pool as now on chain (after settlements): settled sequences start anew. */
  observePool(pool: PoolInfo): void;
  /** Cumulative unsettled amount promised to `target` in its current payment sequence. */
  promisedTo(target: Address): bigint;
  /** What can still be promised: InitialFund − UsedFund − all unsettled promises. */
  available(): bigint;
}

interface TargetState {
  readonly target: Address;
  paymentSequence: bigint;
  cumulative: bigint;
}

/** A payer for one pool, as known from chain state. */
export function createPayer(deps: PayerDeps, initialPool: PoolInfo): Payer {
  let pool = initialPool;
  const targets = new Map<string, TargetState>();

  const stateOf = (target: Address): TargetState => {
    const key = bytesToHex(target);
    let s = targets.get(key);
    if (!s) {
      s = {
        target,
        paymentSequence: lastSettledPaymentSequence(pool.transferRecords, target) + 1n,
        cumulative: 0n,
      };
      targets.set(key, s);
    }
    return s;
  };

  const outstanding = () => {
    let total = 0n;
    for (const s of targets.values()) total += s.cumulative;
    return total;
  };
  const available = () => pool.initialFund - pool.usedFund - outstanding();

  return {
    pay(target, resourceId, increment) {
      if (increment <= 0n) {
        throw new ThetaError(
          MicropaymentErrorCode.NonPositiveAmount,
          `increment: expected a positive amount, got ${increment}`,
        );
      }
      if (!pool.resourceIds.includes(resourceId)) {
        throw new ThetaError(
          MicropaymentErrorCode.UnknownResource,
          `resourceId: '${resourceId}' is not one of the pool's resources (${pool.resourceIds.join(", ")})`,
        );
      }
      const left = available();
      if (increment > left) {
        throw new ThetaError(
          MicropaymentErrorCode.WouldOverspend,
          `increment: ${increment} TFuelWei exceeds what the pool can still cover (${left} TFuelWei)`,
          { details: { available: left.toString(), increment: increment.toString() } },
        );
      }
      const s = stateOf(target);
      const amount = s.cumulative + increment;
      const tx = unsignedPayment(
        deps.signer.address,
        target,
        amount,
        s.paymentSequence,
        pool.reserveSequence,
        resourceId,
      );
      const signature = deps.signer.sign(servicePaymentSourceSignBytes(deps.chainId, tx));
      s.cumulative = amount;
      return { ...tx, source: { ...tx.source, signature } };
    },
    observePool(next) {
      pool = next;
      for (const s of targets.values()) {
        const settled = lastSettledPaymentSequence(pool.transferRecords, s.target);
        if (settled >= s.paymentSequence) {
          s.paymentSequence = settled + 1n;
          s.cumulative = 0n;
        }
      }
    },
    promisedTo: (target) => targets.get(bytesToHex(target))?.cumulative ?? 0n,
    available,
  };
}
