/**
 * One checkpoint as the EEN layer sees it: the block, the signed message RLP `[Block]`, the total EEN
 * stake and the edge nodes of its state, resolved through the {@link EenStakeSource} port and cached
 * (a bounded number of addresses; decoded BLS keys are shared across checkpoints). Aggregates are verified
 * here against `Σ mᵢ·pkᵢ`, computed from the checkpoint's block sums of keys ({@link EenKeyBlocks}) or
 * from the difference to an already verified aggregate, whichever has fewer terms.
 */
import { bytesToHex, eenVoteSignBytes } from "@theta/core-types";
import {
  checkAggregateShape,
  type EenAggregate,
  type HeldAggregate,
  multiplicityDelta,
} from "./aggregate.ts";
import { EenRejection, type EenRejectionCode } from "./errors.ts";
import { createEenKeyBlocks, type EenKeyBlocks } from "./keyBlocks.ts";
import type { EenCrypto, EenMessage, EenPublicKey, EenStakeSource } from "./ports.ts";

/** A sampled edge node with stake, as the checkpoint's state holds it. */
export interface EenEntry {
  readonly stake: bigint;
  readonly key: EenPublicKey;
  readonly weight: number;
}

/** Decoded BLS keys by their encoding (hex), shared across checkpoints; `null` marks an invalid key. */
export type EenKeyCache = Map<string, EenPublicKey | null>;

/** The checkpoint an EEN round is about. */
export interface EenCheckpoint {
  readonly block: Uint8Array;
  readonly height: bigint;
  /** RLP `[Block]`, what every edge node signs. */
  readonly message: Uint8Array;
  readonly prepared: EenMessage;
  /** Total active EEN stake in the checkpoint's state. */
  readonly totalStake: bigint;
  /** The sampled edge node `address` with stake and a valid key, or undefined (cached). */
  entry(address: Uint8Array): Promise<EenEntry | undefined>;
  /** The entry of an address resolved before, without the port. */
  known(address: Uint8Array): EenEntry | undefined;
  /** Addresses resolved and cached (bounded). */
  cachedCount(): number;
  /** Block sums of the keys resolved for this checkpoint; without them aggregate keys are summed plainly. */
  readonly keyBlocks?: EenKeyBlocks;
}

/** What opening a checkpoint needs. */
export interface EenCheckpointDeps {
  readonly source: EenStakeSource;
  readonly crypto: EenCrypto;
  readonly keys: EenKeyCache;
  /** Bound on cached addresses and on cached keys (default 200,000), and on the edge nodes of block sums. */
  readonly maxCached?: number;
  /** Whether to keep block sums of keys (default true; false sums every aggregate key plainly). */
  readonly keyBlocks?: boolean;
}

function boundedSet<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}

/** Opens checkpoint `block` at `height`: reads its total EEN stake and prepares the message. */
export async function openEenCheckpoint(
  block: Uint8Array,
  height: bigint,
  deps: EenCheckpointDeps,
): Promise<EenCheckpoint> {
  const { source, crypto, keys } = deps;
  const max = deps.maxCached ?? 200_000;
  const message = eenVoteSignBytes(block);
  const entries = new Map<string, EenEntry | null>();
  const totalStake = await source.totalStake(block);
  const decodeKey = (bytes: Uint8Array): EenPublicKey | undefined => {
    const hex = bytesToHex(bytes);
    let k = keys.get(hex);
    if (k === undefined) {
      try {
        k = crypto.publicKey(bytes);
      } catch {
        k = null;
      }
      boundedSet(keys, hex, k, max);
    }
    return k ?? undefined;
  };
  let prepared: EenMessage | undefined;
  return {
    block,
    height,
    message,
    // Prepared (hashed to G2) on the first signature checked: a checkpoint no edge node votes on costs none.
    get prepared(): EenMessage {
      prepared ??= crypto.prepare(message);
      return prepared;
    },
    totalStake,
    async entry(address) {
      const hex = bytesToHex(address);
      const hit = entries.get(hex);
      if (hit !== undefined) return hit ?? undefined;
      const rec = await source.eliteEdgeNode(block, address);
      const key =
        rec === undefined || rec.stake <= 0n || rec.weight <= 0 ? undefined : decodeKey(rec.blsPubkey);
      const e = rec === undefined || key === undefined ? null : { stake: rec.stake, key, weight: rec.weight };
      boundedSet(entries, hex, e, max);
      return e ?? undefined;
    },
    known: (address) => entries.get(bytesToHex(address)) ?? undefined,
    cachedCount: () => entries.size,
    ...(deps.keyBlocks === false ? {} : { keyBlocks: createEenKeyBlocks(crypto, max) }),
  };
}

/**
 * Verifies an aggregate for `cp`: shape, every address a sampled edge node with stake, and the signature
 * against `Σ mᵢ·pkᵢ`. With `base` (a verified aggregate of the same checkpoint) the key is `pk(base)`
 * plus the multiplicity differences when those are fewer than the terms of the block-sum plan.
 */
export async function verifyEenAggregate(
  cp: EenCheckpoint,
  agg: EenAggregate,
  crypto: EenCrypto,
  base?: HeldAggregate,
): Promise<HeldAggregate | EenRejectionCode> {
  const shape = checkAggregateShape(agg.addresses, agg.multiplies);
  if (shape !== undefined) return shape;
  const entries: EenEntry[] = [];
  for (const a of agg.addresses) {
    const e = cp.known(a) ?? (await cp.entry(a));
    if (e === undefined) return EenRejection.NotSampled;
    entries.push(e);
  }
  const plan = cp.keyBlocks?.plan(entries, agg.multiplies) ?? {
    keys: entries.map((e) => e.key),
    weights: agg.multiplies,
  };
  let key: EenPublicKey | undefined;
  const delta = base === undefined ? undefined : multiplicityDelta(base, agg);
  if (base !== undefined && delta !== undefined && delta.addresses.length < plan.keys.length) {
    const dk: EenPublicKey[] = [];
    for (const a of delta.addresses) {
      const e = cp.known(a) ?? (await cp.entry(a));
      if (e === undefined) return EenRejection.NotSampled;
      dk.push(e.key);
    }
    key = crypto.combineKeys(base.key, dk, delta.deltas);
  } else {
    key = crypto.combineKeys(undefined, plan.keys, plan.weights);
  }
  if (key === undefined || !crypto.verify(key, cp.prepared, agg.signature)) return EenRejection.BadSignature;
  return { ...agg, key };
}

/** Σ stake of the edge nodes named by a verified aggregate of `cp`. */
export function coveredStake(cp: EenCheckpoint, agg: EenAggregate): bigint {
  let s = 0n;
  for (const a of agg.addresses) s += cp.known(a)?.stake ?? 0n;
  return s;
}
