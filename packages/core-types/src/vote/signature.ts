/**
 * Codecs of the two signature fields found in consensus objects. A nil signature encodes as the
 * empty string `0x80` and decodes back to `undefined`.
 */

import { ConsensusErrorCode } from "../consensus/errors.ts";
import { ThetaError } from "../errors.ts";
import { decodeBytes, type RlpItem } from "../rlp/index.ts";

/** Length of a compressed BLS12-381 G2 signature. */
export const BLS_SIGNATURE_LENGTH = 96;

/** A secp256k1 signature (any byte string; empty means nil), as the reference reads it. */
export function secpSignatureFromItem(item: RlpItem, field: string): Uint8Array | undefined {
  const b = decodeBytes(item, field);
  return b.length === 0 ? undefined : b;
}

/** A BLS signature: empty (nil) or exactly 96 bytes. Point validity is checked by crypto. */
export function blsSignatureFromItem(item: RlpItem, field: string): Uint8Array | undefined {
  const b = decodeBytes(item, field);
  if (b.length === 0) return undefined;
  if (b.length !== BLS_SIGNATURE_LENGTH) {
    throw new ThetaError(
      ConsensusErrorCode.BadBlsSignature,
      `${field}: expected an empty or ${BLS_SIGNATURE_LENGTH}-byte BLS signature, got ${b.length} bytes`,
      { details: { field } },
    );
  }
  return b;
}

/** The RLP item of an optional signature: the bytes, or the empty string for nil. */
export function signatureToItem(sig: Uint8Array | undefined): Uint8Array {
  return sig ?? new Uint8Array(0);
}
