/**
 * Guardian vote aggregates on real BLS (docs/consensus.md §3.3–§3.5) held in memory: a multiplicity vector
 * plus the aggregated signature, merged with the AggregatedVotes rules and validated against the
 * guardian pool. Wire encoding stays with `@theta/core-types` (AggregatedVotes); this module never
 * encodes.
 */
import { ThetaError } from "@theta/core-types";
import {
  type BlsPublicKey,
  type BlsSecretKey,
  type BlsSignature,
  blsAggregateSignatures,
  blsPopVerify,
  blsPublicKeyFromBytes,
  blsSign,
  blsSignatureFromBytes,
  blsVerify,
  type G2Point,
} from "@theta/crypto";
import { exceedsTwoThirds } from "../majority.ts";
import type { GuardianEntry } from "../ports.ts";
import { aggregatePublicKeys } from "./aggregateKeys.ts";
import { abs, mergeMultiplicities } from "./multiplicity.ts";

/** Error codes of guardian pools and aggregates. */
export const GuardianErrorCode = {
  BadProofOfPossession: "GUARDIAN_BAD_PROOF_OF_POSSESSION",
  SignerOutOfRange: "GUARDIAN_SIGNER_OUT_OF_RANGE",
} as const;

/** The guardians with stake, in pool order, with their decoded keys (every PoP checked). */
export interface GuardianPool {
  /** Entries in pool order (`gcp.WithStake()`). */
  readonly entries: readonly GuardianEntry[];
  /** Decoded BLS public keys, same order. */
  readonly keys: readonly BlsPublicKey[];
  /** Σ stake. */
  readonly totalStake: bigint;
}

/** An aggregate: how many times each guardian's share is inside, and the summed signature. */
export interface GuardianAggregate {
  /** Multiplicities, indexed like the pool. */
  readonly multiplies: Uint32Array;
  /** Σ mᵢ·σᵢ. */
  readonly signature: BlsSignature;
}

/**
 * Builds a pool, checking every guardian's proof of possession (an empty one is accepted: pools read
 * from state hold none, the ledger checked it at staking); throws a ThetaError naming the first bad one.
 */
export function createGuardianPool(entries: readonly GuardianEntry[]): GuardianPool {
  const keys: BlsPublicKey[] = [];
  let totalStake = 0n;
  entries.forEach((e, i) => {
    // Stryker disable next-line BooleanLiteral: every path assigns ok before it is read.
    let ok = false;
    let key: BlsPublicKey | undefined;
    try {
      key = blsPublicKeyFromBytes(e.blsPubkey);
      // An empty PoP means the ledger checked it when the guardian staked (DepositStakeTxV2).
      ok = e.blsPop.length === 0 || blsPopVerify(key, blsSignatureFromBytes(e.blsPop));
      // Stryker disable next-line BlockStatement: ok is still false when the try block throws.
    } catch {
      ok = false;
    }
    if (!ok || key === undefined) {
      throw new ThetaError(
        GuardianErrorCode.BadProofOfPossession,
        `guardians[${i}].blsPop: expected a valid proof of possession for the guardian's BLS key`,
      );
    }
    keys.push(key);
    totalStake += e.stake;
  });
  return { entries, keys, totalStake };
}

/** A fresh aggregate holding only guardian `index`'s signature on `message`. */
export function signAggregate(
  pool: GuardianPool,
  sk: BlsSecretKey,
  index: number,
  message: Uint8Array,
): GuardianAggregate {
  if (!Number.isInteger(index) || index < 0 || index >= pool.keys.length) {
    throw new ThetaError(
      GuardianErrorCode.SignerOutOfRange,
      `signerIndex: expected 0..${pool.keys.length - 1}, got ${index}`,
    );
  }
  const multiplies = new Uint32Array(pool.keys.length);
  multiplies[index] = 1;
  return { multiplies, signature: blsSign(sk, message) };
}

/** Merges with the AggregatedVotes rule; `undefined` when `b` adds no new signer. */
export function mergeAggregates(a: GuardianAggregate, b: GuardianAggregate): GuardianAggregate | undefined {
  const multiplies = mergeMultiplicities(a.multiplies, b.multiplies);
  if (multiplies === undefined) return undefined;
  return { multiplies, signature: blsAggregateSignatures([a.signature, b.signature]) };
}

/** `Validate(gcp)`: length matches the pool and `Verify(message, Σ mᵢ·pkᵢ)` holds. */
export function validateAggregate(
  pool: GuardianPool,
  agg: GuardianAggregate,
  message: Uint8Array,
  hashedMessage?: G2Point,
): boolean {
  if (agg.multiplies.length !== pool.keys.length || abs(agg.multiplies) === 0) return false;
  return blsVerify(aggregatePublicKeys(pool.keys, agg.multiplies), message, agg.signature, hashedMessage);
}

/** Σ stake of guardians with a non-zero multiplicity. */
export function signerStake(pool: GuardianPool, agg: GuardianAggregate): bigint {
  let s = 0n;
  pool.entries.forEach((e, i) => {
    if ((agg.multiplies[i] ?? 0) > 0) s += e.stake;
  });
  return s;
}

/** docs/decisions.md §5: guardian-finalized when the signers hold strictly more than 2/3 of the pool's stake. */
export function isGuardianFinalized(pool: GuardianPool, agg: GuardianAggregate): boolean {
  return exceedsTwoThirds(signerStake(pool, agg), pool.totalStake);
}
