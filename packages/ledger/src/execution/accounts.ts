/**
 * Account loading helpers (ledger.md §4.3). Every load applies the lazy release of expired
 * pools as of P = H − 1; that change is persisted only if the executor writes the account.
 */
import { type Account, type Address, bytesToHex, newAccount } from "@theta/core-types";
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
