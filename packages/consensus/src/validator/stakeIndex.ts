/**
 * A validator set indexed by address for fast stake lookups; built once per set object and cached, since
 * the engine asks the same set for a majority on every vote.
 */
import { bytesToHex } from "@theta/core-types";
import type { StakeEntry } from "../ports.ts";

/** Stake by lowercase hex address, and the total. */
export interface StakeIndex {
  readonly byAddress: ReadonlyMap<string, bigint>;
  readonly total: bigint;
}

const cache = new WeakMap<readonly StakeEntry[], StakeIndex>();

/** The index of `set` (cached per array). */
export function stakeIndex(set: readonly StakeEntry[]): StakeIndex {
  const hit = cache.get(set);
  if (hit !== undefined) return hit;
  const byAddress = new Map<string, bigint>();
  let total = 0n;
  for (const v of set) {
    const k = bytesToHex(v.address);
    byAddress.set(k, (byAddress.get(k) ?? 0n) + v.stake);
    total += v.stake;
  }
  const idx = { byAddress, total };
  cache.set(set, idx);
  return idx;
}
