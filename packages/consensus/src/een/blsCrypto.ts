/**
 * The {@link EenCrypto} port on Theta's BLS (`@theta/crypto`, docs/consensus.md §3.1): G1 keys, G2
 * signatures, the hash-to-G2 of the signed message and its Miller-loop lines computed once per checkpoint,
 * aggregate keys summed with batched affine additions.
 */
import {
  type BlsPreparedMessage,
  type BlsPublicKey,
  type BlsSignature,
  blsPrepareMessage,
  blsPublicKeyFromBytes,
  blsSignatureFromBytes,
  blsVerifyPrepared,
  type G1Point,
  g1GroupSums,
  g1WeightedSum,
} from "@theta/crypto";
import type { EenCrypto, EenMessage, EenPublicKey, EenSignature } from "./ports.ts";

const asKey = (k: BlsPublicKey): EenPublicKey => k as unknown as EenPublicKey;
const fromKey = (k: EenPublicKey): BlsPublicKey => k as unknown as BlsPublicKey;
const asSig = (s: BlsSignature): EenSignature => s as unknown as EenSignature;
const fromSig = (s: EenSignature): BlsSignature => s as unknown as BlsSignature;

function keyOf(point: G1Point): BlsPublicKey {
  return {
    point,
    get bytes() {
      return point.toBytes(true);
    },
  };
}

/** How Σ mᵢ·Pᵢ is formed (undefined or the identity for an empty sum). */
export type G1KeySum = (points: readonly G1Point[], multiplies: readonly number[]) => G1Point | undefined;

/** Options of {@link createBlsEenCrypto}. */
export interface BlsEenCryptoOptions {
  /**
   * The key sum: `g1WeightedSum` of @theta/crypto (batched affine additions) by default; the bench passes
   * `projectiveKeySum` as its baseline.
   */
  readonly keySum?: G1KeySum;
}

/** The EEN crypto port on real BLS12-381 with Theta's hash-to-G2. */
export function createBlsEenCrypto(opts: BlsEenCryptoOptions = {}): EenCrypto {
  const weightedSum: G1KeySum = opts.keySum ?? g1WeightedSum;
  return {
    publicKey: (bytes) => asKey(blsPublicKeyFromBytes(bytes)),
    signature: (bytes) => asSig(blsSignatureFromBytes(bytes)),
    signatureBytes: (s) => fromSig(s).bytes,
    addSignatures(a, b) {
      const point = fromSig(a).point.add(fromSig(b).point);
      return asSig({
        point,
        get bytes() {
          return point.toBytes(true);
        },
      });
    },
    combineKeys(base, keys, multiplies) {
      const sum = weightedSum(
        keys.map((k) => fromKey(k).point),
        multiplies,
      );
      const b = base === undefined ? undefined : fromKey(base).point;
      const acc = b === undefined ? sum : sum === undefined ? b : b.add(sum);
      return acc === undefined || acc.is0() ? undefined : asKey(keyOf(acc));
    },
    sumKeyGroups: (groups) =>
      g1GroupSums(groups.map((g) => g.map((k) => fromKey(k).point))).map((p) =>
        p.is0() ? undefined : asKey(keyOf(p)),
      ),
    prepare: (message) => blsPrepareMessage(message) as unknown as EenMessage,
    verify: (key, message, s) =>
      blsVerifyPrepared(fromKey(key), message as unknown as BlsPreparedMessage, fromSig(s)),
  };
}
