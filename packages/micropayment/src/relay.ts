/**
 * The relay's side: verify and keep the latest payment per (pool, target, payment
 * sequence), settle with a target-signed ServicePaymentTx. Every accepted payment is written to
 * the PaymentStore before `accept` resolves, so a restart loses nothing.
 */
import {
  type Address,
  type Coins,
  encodeTx,
  equalBytes,
  isThetaError,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
  servicePaymentTargetSignBytes,
  ThetaError,
  ZERO_COINS,
} from "@theta/core-types";
import { MicropaymentErrorCode } from "./errors.ts";
import { decodePayment } from "./payment.ts";
import { slotKey } from "./poolKey.ts";
import type { PaymentSigner, PaymentStore, PoolInfo, SignatureVerifier, StoredPayment } from "./ports.ts";
import { lastSettledPaymentSequence } from "./rules/transfer.ts";

/** What a relay needs: its key, a signature verifier, the chain id and a store. */
export interface RelayDeps {
  /** The relay's own key: payments must target its address; it signs settlements. */
  readonly signer: PaymentSigner;
  readonly verifier: SignatureVerifier;
  readonly chainId: string;
  readonly store: PaymentStore;
}

/** The verdict on one payment: accepted, or refused with a code and a message. */
export type AcceptResult =
  | { readonly ok: true; readonly payment: ServicePaymentTx }
  | { readonly ok: false; readonly code: MicropaymentErrorCode; readonly message: string };

/** A target-signed ServicePaymentTx ready to broadcast. */
export interface Settlement {
  readonly tx: ServicePaymentTx;
  /** Raw bytes for `theta.BroadcastRawTransaction`. */
  readonly raw: Uint8Array;
}

/** The receiving side of a pool: verifies payments, keeps the latest per slot and settles. */
export interface Relay {
  /** Loads what the store holds (call once after a restart). */
  restore(): Promise<void>;
  /** Verifies one payment against the pool as known from chain state at `height`. */
  accept(payment: Uint8Array | ServicePaymentTx, pool: PoolInfo, height: bigint): Promise<AcceptResult>;
  /** The latest payment accepted for a pool (undefined if none, or if already settled). */
  latest(source: Address, reserveSequence: bigint): ServicePaymentTx | undefined;
  /** Builds the settlement of the latest payment and moves on to the next payment sequence. */
  settle(
    source: Address,
    reserveSequence: bigint,
    opts: { fee: Coins; targetSequence?: bigint },
  ): Promise<Settlement>;
}

function reject(code: MicropaymentErrorCode, message: string): AcceptResult {
  return { ok: false, code, message };
}

/** A relay writing what it accepts to `deps.store`. */
export function createRelay(deps: RelayDeps): Relay {
  const self = deps.signer.address;
  const slots = new Map<string, StoredPayment>();

  function check(tx: ServicePaymentTx, pool: PoolInfo, height: bigint): AcceptResult | undefined {
    const C = MicropaymentErrorCode;
    if (!equalBytes(tx.target.address, self))
      return reject(C.WrongTarget, "target: the payment is for another relay");
    if (equalBytes(tx.source.address, tx.target.address))
      return reject(C.SelfPayment, "source and target are the same");
    if (!equalBytes(pool.source, tx.source.address) || pool.reserveSequence !== tx.reserveSequence) {
      return reject(C.UnknownPool, `reserve_sequence: no pool ${tx.reserveSequence} of this source is known`);
    }
    if (!pool.resourceIds.includes(tx.resourceId)) {
      return reject(C.UnknownResource, `resource_id: '${tx.resourceId}' is not covered by the pool`);
    }
    if (height > pool.endBlockHeight) {
      return reject(
        C.PoolExpired,
        `the pool expired at height ${pool.endBlockHeight} (chain is at ${height})`,
      );
    }
    if (tx.source.coins.thetaWei !== 0n)
      return reject(C.ThetaNotAllowed, "source.coins: THETA cannot pay for service");
    if (tx.source.coins.tfuelWei <= 0n)
      return reject(C.NonPositiveAmount, "source.coins: expected a positive TFuel amount");
    if (
      !deps.verifier.verify(
        servicePaymentSourceSignBytes(deps.chainId, tx),
        tx.source.signature,
        tx.source.address,
      )
    ) {
      return reject(
        C.BadSourceSignature,
        "source.signature: does not verify for the source address on this chain",
      );
    }
    const key = slotKey(tx.source.address, tx.reserveSequence, self);
    const current = slots.get(key);
    let minSeq = lastSettledPaymentSequence(pool.transferRecords, self) + 1n;
    if (current?.settled)
      minSeq = current.paymentSequence + 1n > minSeq ? current.paymentSequence + 1n : minSeq;
    if (tx.paymentSequence < minSeq) {
      return reject(
        C.OldPaymentSequence,
        `payment_sequence: ${tx.paymentSequence} is settled or old, expected at least ${minSeq}`,
      );
    }
    if (current && !current.settled) {
      if (tx.paymentSequence < current.paymentSequence) {
        return reject(
          C.OldPaymentSequence,
          `payment_sequence: ${tx.paymentSequence} is older than the current ${current.paymentSequence}`,
        );
      }
      if (tx.paymentSequence === current.paymentSequence && tx.source.coins.tfuelWei <= current.amount) {
        return reject(
          C.AmountNotIncreasing,
          `source.coins: ${tx.source.coins.tfuelWei} does not exceed the ${current.amount} already accepted`,
        );
      }
    }
    const remaining = pool.initialFund - pool.usedFund;
    if (tx.source.coins.tfuelWei > remaining) {
      return reject(
        C.PoolCannotCover,
        `source.coins: ${tx.source.coins.tfuelWei} exceeds the pool's remaining ${remaining}`,
      );
    }
    return undefined;
  }

  return {
    async restore() {
      for (const entry of await deps.store.list()) slots.set(entry.key, entry);
    },
    async accept(payment, pool, height) {
      let tx: ServicePaymentTx;
      try {
        tx = payment instanceof Uint8Array ? decodePayment(payment) : payment;
      } catch (e) {
        if (isThetaError(e)) return reject(e.code as MicropaymentErrorCode, e.message);
        throw e;
      }
      const rejection = check(tx, pool, height);
      if (rejection) return rejection;
      const entry: StoredPayment = {
        key: slotKey(tx.source.address, tx.reserveSequence, self),
        raw: encodeTx(tx),
        paymentSequence: tx.paymentSequence,
        amount: tx.source.coins.tfuelWei,
        settled: false,
      };
      await deps.store.put(entry);
      slots.set(entry.key, entry);
      return { ok: true, payment: tx };
    },
    latest(source, reserveSequence) {
      const entry = slots.get(slotKey(source, reserveSequence, self));
      return entry && !entry.settled ? decodePayment(entry.raw) : undefined;
    },
    async settle(source, reserveSequence, opts) {
      const key = slotKey(source, reserveSequence, self);
      const entry = slots.get(key);
      if (!entry || entry.settled) {
        throw new ThetaError(
          MicropaymentErrorCode.NothingToSettle,
          "settle: no unsettled payment for this pool",
        );
      }
      const unsigned: ServicePaymentTx = {
        ...decodePayment(entry.raw),
        fee: opts.fee,
        target: {
          address: self,
          coins: ZERO_COINS,
          sequence: opts.targetSequence ?? 0n,
          signature: new Uint8Array(0),
        },
      };
      const signature = deps.signer.sign(servicePaymentTargetSignBytes(deps.chainId, unsigned));
      const tx: ServicePaymentTx = { ...unsigned, target: { ...unsigned.target, signature } };
      const settled: StoredPayment = { ...entry, settled: true };
      await deps.store.put(settled);
      slots.set(key, settled);
      return { tx, raw: encodeTx(tx) };
    },
  };
}
