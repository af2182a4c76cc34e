/** An in-memory PaymentStore (tests, and relays that accept losing state on restart). */
import type { PaymentStore, StoredPayment } from "./ports.ts";

/** A `PaymentStore` in memory (tests, and relays that need not survive a restart). */
export function createMemoryPaymentStore(): PaymentStore {
  const entries = new Map<string, StoredPayment>();
  return {
    async put(entry) {
      entries.set(entry.key, entry);
    },
    async get(key) {
      return entries.get(key);
    },
    async list() {
      return [...entries.values()];
    },
  };
}
