/**
 * Ports of the micropayment package. Signing and verification are injected (apps pass
 * @theta/crypto with the backend of their choice); persistence is injected so a relay that
 * restarts keeps what it accepted.
 */
import type { Address, ServicePaymentTx } from "@theta/core-types";

/** Signs Theta sign bytes (keccak256 then secp256k1, 65-byte r‖s‖v with v = 0/1). */
export interface PaymentSigner {
  readonly address: Address;
  /** Signs sign bytes; returns the 65-byte signature. */
  sign(signBytes: Uint8Array): Uint8Array;
}

/** Checks a 65-byte signature over sign bytes against an address (recovery, like the ledger). */
export interface SignatureVerifier {
  /** Whether `signature` over `signBytes` recovers to `address`. */
  verify(signBytes: Uint8Array, signature: Uint8Array, address: Address): boolean;
}

/**
 * What a relay or payer knows of a pool from chain state (an account's ReservedFund), fed in by
 * the embedding application. Amounts are TFuel wei.
 */
export interface PoolInfo {
  readonly source: Address;
  readonly reserveSequence: bigint;
  readonly resourceIds: readonly string[];
  readonly initialFund: bigint;
  readonly usedFund: bigint;
  readonly collateral: bigint;
  readonly endBlockHeight: bigint;
  /** Settled payments on chain (the pool's transfer records). */
  readonly transferRecords: readonly ServicePaymentTx[];
}

/**
 * The latest accepted payment for one (pool, target): its raw bytes (compact; decoded only to
 * settle) with the two numbers the relay compares on every accept.
 */
export interface StoredPayment {
  readonly key: string;
  readonly raw: Uint8Array;
  readonly paymentSequence: bigint;
  /** Cumulative TFuel wei of this payment sequence. */
  readonly amount: bigint;
  /** True once this relay built a settlement for it. */
  readonly settled: boolean;
}

/** Persistence port: every `put` must be durable before it resolves. */
export interface PaymentStore {
  /** Stores an entry under its key, durably, replacing any earlier one. */
  put(entry: StoredPayment): Promise<void>;
  /** The entry under `key`; undefined when absent. */
  get(key: string): Promise<StoredPayment | undefined>;
  /** Every stored entry (any order). */
  list(): Promise<StoredPayment[]>;
}
