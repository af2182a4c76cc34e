/** Identity of a pool and of a payment slot, as store keys. */

import type { Address } from "@theta/core-types";
import { bytesToHex } from "@theta/core-types";

/** The store key of a pool: its source address and reserve sequence. */
export function poolKey(source: Address, reserveSequence: bigint): string {
  return `${bytesToHex(source)}/${reserveSequence}`;
}

/** (pool, target): a relay keeps one live payment sequence per pool and target. */
export function slotKey(source: Address, reserveSequence: bigint, target: Address): string {
  return `${poolKey(source, reserveSequence)}/${bytesToHex(target)}`;
}
