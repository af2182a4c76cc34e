/**
 * EEN aggregates in memory (docs/consensus.md §3.6): edge-node addresses strictly ascending, each with the
 * multiplicity of its share inside the summed signature. Merging is a sorted-list merge that sums
 * multiplicities (uint32), and does nothing when the second adds no edge node. Wire encoding stays with
 * core-types (`AggregatedEenVotes`).
 */
import { type AggregatedEenVotes, compareBytes, MAX_MULTIPLICITY, ThetaError } from "@theta/core-types";
import { EenErrorCode, EenRejection, type EenRejectionCode } from "./errors.ts";
import type { EenCrypto, EenPublicKey, EenSignature } from "./ports.ts";

/** An aggregate of edge-node signatures on one checkpoint. */
export interface EenAggregate {
  /** Edge-node addresses, strictly ascending. */
  readonly addresses: readonly Uint8Array[];
  /** Multiplicity of each address's share (≥ 1), parallel to `addresses`. */
  readonly multiplies: readonly number[];
  /** Σ mᵢ·σᵢ. */
  readonly signature: EenSignature;
}

/** A verified aggregate together with its aggregated public key Σ mᵢ·pkᵢ (reused by later checks). */
export interface HeldAggregate extends EenAggregate {
  readonly key: EenPublicKey;
}

/** Default bound on the entries of one aggregate (one per edge node). */
export const MAX_AGGREGATE_ENTRIES = 100_000;

/** Shape checks: equal lengths, addresses strictly ascending, multiplicities in 1..2^32−1, size bound. */
export function checkAggregateShape(
  addresses: readonly Uint8Array[],
  multiplies: readonly number[],
  maxEntries = MAX_AGGREGATE_ENTRIES,
): EenRejectionCode | undefined {
  if (addresses.length === 0 || addresses.length !== multiplies.length || addresses.length > maxEntries)
    return EenRejection.Malformed;
  for (let i = 0; i < addresses.length; i++) {
    const m = multiplies[i] as number;
    if (!Number.isInteger(m) || m < 1 || m > MAX_MULTIPLICITY) return EenRejection.Malformed;
    if (i > 0 && compareBytes(addresses[i - 1] as Uint8Array, addresses[i] as Uint8Array) >= 0)
      return EenRejection.Malformed;
  }
  return undefined;
}

/** Whether `b` names an edge node that `a` does not (both ascending). */
export function addsSigner(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  let i = 0;
  for (const addr of b) {
    while (i < a.length && compareBytes(a[i] as Uint8Array, addr) < 0) i++;
    if (i >= a.length || compareBytes(a[i] as Uint8Array, addr) !== 0) return true;
  }
  return false;
}

/** The merged address list and multiplicities of `a` and `b`, or Overflow. */
function mergeLists(
  a: EenAggregate,
  b: EenAggregate,
): { addresses: Uint8Array[]; multiplies: number[] } | EenRejectionCode {
  const addresses: Uint8Array[] = [];
  const multiplies: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.addresses.length || j < b.addresses.length) {
    const c =
      i >= a.addresses.length
        ? 1
        : j >= b.addresses.length
          ? -1
          : compareBytes(a.addresses[i] as Uint8Array, b.addresses[j] as Uint8Array);
    if (c < 0) {
      addresses.push(a.addresses[i] as Uint8Array);
      multiplies.push(a.multiplies[i++] as number);
    } else if (c > 0) {
      addresses.push(b.addresses[j] as Uint8Array);
      multiplies.push(b.multiplies[j++] as number);
    } else {
      const m = (a.multiplies[i++] as number) + (b.multiplies[j++] as number);
      if (m > MAX_MULTIPLICITY) return EenRejection.Overflow;
      addresses.push(b.addresses[j - 1] as Uint8Array);
      multiplies.push(m);
    }
  }
  return { addresses, multiplies };
}

/**
 * Merges two verified aggregates: undefined when `b` adds no edge node (a subset), Overflow when a summed
 * multiplicity leaves uint32; otherwise the merged lists, σa + σb and pka + pkb.
 */
export function mergeHeld(
  a: HeldAggregate,
  b: HeldAggregate,
  crypto: EenCrypto,
): HeldAggregate | EenRejectionCode | undefined {
  if (!addsSigner(a.addresses, b.addresses)) return undefined;
  const lists = mergeLists(a, b);
  if (typeof lists === "string") return lists;
  const key = crypto.combineKeys(a.key, [b.key], [1]);
  if (key === undefined) return EenRejection.BadSignature;
  return { ...lists, signature: crypto.addSignatures(a.signature, b.signature), key };
}

/** The entries where `b`'s multiplicity differs from `a`'s: (address, mᵇ − mᵃ), ascending. */
export function multiplicityDelta(
  a: EenAggregate,
  b: EenAggregate,
): { readonly addresses: Uint8Array[]; readonly deltas: number[] } {
  const addresses: Uint8Array[] = [];
  const deltas: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.addresses.length || j < b.addresses.length) {
    const c =
      i >= a.addresses.length
        ? 1
        : j >= b.addresses.length
          ? -1
          : compareBytes(a.addresses[i] as Uint8Array, b.addresses[j] as Uint8Array);
    if (c < 0) {
      addresses.push(a.addresses[i] as Uint8Array);
      deltas.push(-(a.multiplies[i++] as number));
    } else if (c > 0) {
      addresses.push(b.addresses[j] as Uint8Array);
      deltas.push(b.multiplies[j++] as number);
    } else {
      const d = (b.multiplies[j++] as number) - (a.multiplies[i++] as number);
      if (d !== 0) {
        addresses.push(b.addresses[j - 1] as Uint8Array);
        deltas.push(d);
      }
    }
  }
  return { addresses, deltas };
}

/** The wire form (core-types `AggregatedEenVotes`) of an aggregate on `block`. */
export function eenAggregateToWire(
  block: Uint8Array,
  agg: EenAggregate,
  crypto: EenCrypto,
): AggregatedEenVotes {
  return {
    block,
    multiplies: [...agg.multiplies],
    addresses: [...agg.addresses],
    signature: crypto.signatureBytes(agg.signature),
  };
}

/** The in-memory form of received aggregated votes; throws a ThetaError for a nil or invalid signature. */
export function eenAggregateFromWire(v: AggregatedEenVotes, crypto: EenCrypto): EenAggregate {
  if (v.signature === undefined) {
    throw new ThetaError(
      EenErrorCode.MissingSignature,
      "aggregated_een_votes.signature: expected a 96-byte BLS signature, got nil",
    );
  }
  return { addresses: v.addresses, multiplies: v.multiplies, signature: crypto.signature(v.signature) };
}
