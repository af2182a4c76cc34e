/**
 * The ports of the elite-edge-node layer (docs/consensus.md §3.6): the BLS operations an aggregate needs
 * (so that simulations of thousands of edge nodes can use a cheap linear stand-in) and the EEN stake set
 * in the state of a checkpoint (docs/ledger.md §2.10), which only the ledger can read.
 */

declare const keyBrand: unique symbol;
declare const signatureBrand: unique symbol;
declare const messageBrand: unique symbol;

/** A decoded BLS public key (opaque: only its {@link EenCrypto} knows the representation). */
export type EenPublicKey = { readonly [keyBrand]: true };
/** A decoded BLS signature (opaque). */
export type EenSignature = { readonly [signatureBrand]: true };
/** A message prepared for repeated verification (e.g. its hash-to-G2 point), opaque. */
export type EenMessage = { readonly [messageBrand]: true };

/** The BLS operations of EEN votes and aggregates. */
export interface EenCrypto {
  /** Decodes a 48-byte compressed G1 key; throws a ThetaError when it is not a valid point. */
  publicKey(bytes: Uint8Array): EenPublicKey;
  /** Decodes a 96-byte compressed G2 signature; throws a ThetaError when it is not a valid point. */
  signature(bytes: Uint8Array): EenSignature;
  /** The 96-byte encoding of a signature. */
  signatureBytes(s: EenSignature): Uint8Array;
  /** σa + σb. */
  addSignatures(a: EenSignature, b: EenSignature): EenSignature;
  /**
   * `base + Σ mᵢ·keyᵢ` (each mᵢ a non-zero integer, possibly negative); an undefined base is the identity.
   * Returns undefined when the sum is the identity.
   */
  combineKeys(
    base: EenPublicKey | undefined,
    keys: readonly EenPublicKey[],
    multiplies: readonly number[],
  ): EenPublicKey | undefined;
  /**
   * The sum of each group of keys (undefined for an empty group or one summing to the identity), all
   * groups at once; optional (without it, one {@link EenCrypto.combineKeys} per group).
   */
  sumKeyGroups?(groups: readonly (readonly EenPublicKey[])[]): (EenPublicKey | undefined)[];
  /** Prepares the signed message once per checkpoint. */
  prepare(message: Uint8Array): EenMessage;
  /** Whether `s` is a signature of the prepared message under `key`. */
  verify(key: EenPublicKey, message: EenMessage, s: EenSignature): boolean;
}

/** An elite edge node as the state of a checkpoint holds it. */
export interface EenNodeRecord {
  /** Σ non-withdrawn stake (TFuel wei). */
  readonly stake: bigint;
  /** 48-byte compressed BLS public key. */
  readonly blsPubkey: Uint8Array;
  /**
   * The sortition weight `RandomRewardWeight(checkpoint, address)` (docs/ledger.md §8.3); an edge node
   * with weight 0 is not sampled for that checkpoint and its votes are refused.
   */
  readonly weight: number;
}

/** The EEN stake set in the state after a checkpoint block (read from the ledger by the node). */
export interface EenStakeSource {
  /** The edge node `address` in the state after `block`, or undefined when it has no record. */
  eliteEdgeNode(block: Uint8Array, address: Uint8Array): Promise<EenNodeRecord | undefined>;
  /** The total active EEN stake in that state (`ls/eentas`). */
  totalStake(block: Uint8Array): Promise<bigint>;
}
