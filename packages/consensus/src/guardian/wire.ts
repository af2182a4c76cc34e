/**
 * The guardian engine's aggregates on the wire: conversion between the in-memory
 * {@link GuardianAggregate} (multiplicities and a decoded BLS point) and core-types' `AggregatedVotes`
 * (`[Block, Gcp, Multiplies uint32[], Signature]`, docs/consensus.md §3.3), which is what travels on the
 * Guardian channel and inside checkpoint headers.
 */
import { type AggregatedVotes, aggregatedVotesSignBytes, ThetaError } from "@theta/core-types";
import { blsSignatureFromBytes } from "@theta/crypto";
import type { GuardianAggregate, GuardianPool } from "./aggregate.ts";
import type { GuardianCheckpoint } from "./engine.ts";

/** Error codes of guardian wire conversion. */
export const GuardianWireErrorCode = {
  MissingSignature: "GUARDIAN_MISSING_SIGNATURE",
} as const;

/** The wire form of an aggregate on `block` over the pool with hash `gcp`. */
export function aggregateToWire(block: Uint8Array, gcp: Uint8Array, agg: GuardianAggregate): AggregatedVotes {
  return { block, gcp, multiplies: Array.from(agg.multiplies), signature: agg.signature.bytes };
}

/**
 * The in-memory form of received aggregated votes. Throws a ThetaError when the signature is nil or not
 * a valid G2 point; multiplicities are uint32 already (core-types rejects larger values).
 */
export function aggregateFromWire(v: AggregatedVotes): GuardianAggregate {
  if (v.signature === undefined) {
    throw new ThetaError(
      GuardianWireErrorCode.MissingSignature,
      "aggregated_votes.signature: expected a 96-byte BLS signature, got nil",
    );
  }
  return { multiplies: Uint32Array.from(v.multiplies), signature: blsSignatureFromBytes(v.signature) };
}

/** The checkpoint a guardian round signs: the message is RLP `[Block, Gcp, [], nil]`. */
export function createGuardianCheckpoint(
  block: Uint8Array,
  gcp: Uint8Array,
  pool: GuardianPool,
): GuardianCheckpoint {
  return { block, gcp, message: aggregatedVotesSignBytes(block, gcp), pool };
}
