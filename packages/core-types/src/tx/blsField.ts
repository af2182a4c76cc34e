/**
 * BLS fields inside DepositStakeTxV2: empty means absent; anything else must parse as a valid
 * compressed point (G1 public key, G2 proof of possession), or the whole transaction fails to
 * decode, as in the reference. noble also checks subgroup membership, which the pinned herumi
 * build did not: a malformed point a Go node would carry is rejected here (adversarial input only).
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { ThetaError } from "../errors.ts";
import { TxErrorCode } from "./errors.ts";

export function checkBlsField(bytes: Uint8Array, group: "G1" | "G2", field: string): Uint8Array {
  if (bytes.length === 0) return bytes;
  try {
    if (group === "G1") bls12_381.G1.Point.fromBytes(bytes).assertValidity();
    else bls12_381.G2.Point.fromBytes(bytes).assertValidity();
  } catch (cause) {
    throw new ThetaError(
      TxErrorCode.InvalidBlsPoint,
      `${field}: not a valid compressed BLS12-381 ${group} point`,
      {
        details: { field },
        cause,
      },
    );
  }
  return bytes;
}
