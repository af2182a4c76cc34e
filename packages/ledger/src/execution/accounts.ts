/**
 * Account loading helpers (docs/ledger.md §4.3). Every load applies the lazy release of expired
 * pools as of P = H − 1; that change is persisted only if the executor writes the account.
 */
import { type Account, type Address, bytesToHex, equalBytes, newAccount } from "@theta/core-types";
import { releaseExpiredFunds } from "@theta/micropayment";
import type { StateView } from "../state/stateView.ts";

/** Loads an existing account with lazy release applied, or undefined ("Unknown address"). */
export async function getInput(
  state: StateView,
  address: Address,
  height: bigint,
): Promise<Account | undefined> {
  const acc = await state.getAccount(address);
  return acc === undefined ? undefined : releaseExpiredFunds(acc, height - 1n);
}

/** Loads an account, creating a new one (LastUpdatedBlockHeight = P) when missing. */
export async function getOrMakeAccount(state: StateView, address: Address, height: bigint): Promise<Account> {
  return (await getInput(state, address, height)) ?? newAccount(address, height - 1n);
}

/** The hex key used to detect duplicated addresses among a tx's accounts. */
export function addressKey(address: Address): string {
  return bytesToHex(address);
}

/** Addresses seen so far among a tx's accounts; `add` is false for an address already added. */
export interface AddressSet {
  /** Adds `address`; false when it was already there. */
  add(address: Address): boolean;
}

/**
 * A set for the duplicate check of a tx's `expected` accounts: a byte comparison with each for
 * the usual handful, hex keys in a Set past that (up to 512 accounts).
 */
export function createAddressSet(expected: number): AddressSet {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the threshold only picks the implementation (hashed keys or a list); both find every repeat
  if (expected > 8) {
    const keys = new Set<string>();
    return {
      add(address) {
        const k = addressKey(address);
        if (keys.has(k)) return false;
        keys.add(k);
        return true;
      },
    };
  }
  const seen: Address[] = [];
  return {
    add(address) {
      for (const a of seen) if (equalBytes(a, address)) return false;
      seen.push(address);
      return true;
    },
  };
}
