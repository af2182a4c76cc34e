/**
 * The off-chain micropayment pool of Theta for payers and relays, and the on-chain pool rules as
 * pure functions. Embeddable without a node: signing, verification and storage are ports.
 *
 * @packageDocumentation
 */
export { MicropaymentErrorCode } from "./errors.ts";
export { createMemoryPaymentStore } from "./memoryStore.ts";
export { detectOverspend, type OverspendVerdict } from "./overspend.ts";
export { createPayer, type Payer, type PayerDeps } from "./payer.ts";
export { decodePayment, unsignedPayment } from "./payment.ts";
export { poolKey, slotKey } from "./poolKey.ts";
export type { PaymentSigner, PaymentStore, PoolInfo, SignatureVerifier, StoredPayment } from "./ports.ts";
export { type AcceptResult, createRelay, type Relay, type RelayDeps, type Settlement } from "./relay.ts";
export * from "./rules/index.ts";
