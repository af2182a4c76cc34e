/**
 * Log filter matching as Ethereum defines it: a log matches when its address is one of the
 * filter's addresses (or the filter has none) and, for each topic position, the filter's entry is
 * null (anything), one hash, or a list of hashes any of which may match.
 */
import { equalBytes } from "@theta/core-types";
import type { ReceiptLog } from "../chainQuery.ts";

/** A decoded address/topic criterion (no block range). */
export interface LogCriteria {
  /** Empty: any address. */
  readonly addresses: readonly Uint8Array[];
  /** Per position: null for any, else the accepted topics. */
  readonly topics: readonly (readonly Uint8Array[] | null)[];
}

/** Criteria from the JSON-decoded `address` and `topics` members. */
export function logCriteria(
  address: Uint8Array | readonly Uint8Array[] | null | undefined,
  topics: readonly (Uint8Array | null | readonly (Uint8Array | null)[])[] | null | undefined,
): LogCriteria {
  const addresses = address == null ? [] : address instanceof Uint8Array ? [address] : [...address];
  const positions = (topics ?? []).map((t): readonly Uint8Array[] | null => {
    if (t === null) return null;
    if (t instanceof Uint8Array) return [t];
    // A list holding null accepts anything at that position.
    if (t.length === 0 || t.some((x) => x === null)) return null;
    return t as readonly Uint8Array[];
  });
  return { addresses, topics: positions };
}

/** True when `log` satisfies `c`. */
export function logMatches(c: LogCriteria, log: ReceiptLog): boolean {
  if (c.addresses.length > 0 && !c.addresses.some((a) => equalBytes(a, log.address))) return false;
  if (c.topics.length > log.topics.length) return false;
  for (let i = 0; i < c.topics.length; i++) {
    const accepted = c.topics[i];
    if (accepted === null || accepted === undefined) continue;
    const topic = log.topics[i]!;
    if (!accepted.some((t) => equalBytes(t, topic))) return false;
  }
  return true;
}
