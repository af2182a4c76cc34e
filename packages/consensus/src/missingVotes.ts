/**
 * Which validators' votes are missing at a height: the diagnosis a node logs when no block has
 * finalized for a while. Stake shares are in basis points of the set's total stake (bigint
 * arithmetic, rounded down), so a caller can print `25.00%` without floating point.
 */
import { bytesToHex } from "@theta/core-types";
import type { StakeEntry } from "./ports.ts";

/** One validator whose vote was not seen. */
export interface MissingVoter {
  readonly address: Uint8Array;
  readonly stake: bigint;
  /** Its share of the set's stake, in basis points (1/10,000). */
  readonly shareBps: bigint;
}

/** The missing part of a validator set. */
export interface MissingVotes {
  /** Validators with no vote among `voters`, in the set's order. */
  readonly missing: readonly MissingVoter[];
  /** Their stake together. */
  readonly missingStake: bigint;
  /** Their share of the set's stake, in basis points (rounded down). */
  readonly missingShareBps: bigint;
  /** The set's total stake. */
  readonly totalStake: bigint;
}

const bps = (part: bigint, total: bigint): bigint => (total === 0n ? 0n : (part * 10_000n) / total);

/**
 * The validators of `set` that are not among `voters` (addresses that voted at the height in
 * question; addresses outside the set are ignored, and a validator listed twice counts once).
 */
export function missingVotes(set: readonly StakeEntry[], voters: Iterable<Uint8Array>): MissingVotes {
  const voted = new Set<string>();
  for (const v of voters) voted.add(bytesToHex(v));
  const seen = new Set<string>();
  let totalStake = 0n;
  const absent: StakeEntry[] = [];
  for (const entry of set) {
    const key = bytesToHex(entry.address);
    if (seen.has(key)) continue;
    seen.add(key);
    totalStake += entry.stake;
    if (!voted.has(key)) absent.push(entry);
  }
  const missingStake = absent.reduce((sum, e) => sum + e.stake, 0n);
  return {
    missing: absent.map((e) => ({ address: e.address, stake: e.stake, shareBps: bps(e.stake, totalStake) })),
    missingStake,
    missingShareBps: bps(missingStake, totalStake),
    totalStake,
  };
}

/** `2500n` → `"25.00%"`. */
export function formatBps(value: bigint): string {
  return `${value / 100n}.${(value % 100n).toString().padStart(2, "0")}%`;
}
