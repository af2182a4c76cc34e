/**
 * A validator's vote on a block (docs/consensus.md §1.4): RLP `[Block, Height, Epoch, ID, Signature]`.
 * The height is advisory and not signed: the sign bytes carry `Height = 0` and a nil signature.
 */
import { ADDRESS_LENGTH, type Address, HASH_LENGTH, type Hash } from "../ledger/primitives.ts";
import * as rlp from "../rlp/index.ts";
import { secpSignatureFromItem, signatureToItem } from "./signature.ts";

/** A vote for `block` in `epoch` by validator `id`. */
export interface Vote {
  readonly block: Hash;
  readonly height: bigint;
  readonly epoch: bigint;
  readonly id: Address;
  /** 65-byte r‖s‖v secp256k1 signature; `undefined` when unsigned (nil). */
  readonly signature: Uint8Array | undefined;
}

/** The RLP item of a vote. */
export function voteToItem(v: Vote): rlp.RlpItem {
  return [v.block, rlp.encodeUint(v.height), rlp.encodeUint(v.epoch), v.id, signatureToItem(v.signature)];
}

/** Decodes a vote item strictly; `field` names it in errors. */
export function voteFromItem(item: rlp.RlpItem, field = "vote"): Vote {
  const [b, h, e, id, sig] = rlp.decodeList(item, field, 5);
  return {
    block: rlp.decodeFixedBytes(b!, HASH_LENGTH, `${field}.block`),
    height: rlp.decodeUint(h!, `${field}.height`, 64),
    epoch: rlp.decodeUint(e!, `${field}.epoch`, 64),
    id: rlp.decodeFixedBytes(id!, ADDRESS_LENGTH, `${field}.id`),
    signature: secpSignatureFromItem(sig!, `${field}.signature`),
  };
}

/** RLP of the full vote; `Vote.Hash` is keccak256 of these bytes. */
export function encodeVote(v: Vote): Uint8Array {
  return rlp.rlpEncode(voteToItem(v));
}

/** Decodes exactly one vote (no trailing bytes). */
export function decodeVote(bytes: Uint8Array): Vote {
  return voteFromItem(rlp.rlpDecode(bytes));
}

/** The bytes a validator signs (keccak256 of them): the vote with height 0 and nil signature. */
export function voteSignBytes(v: Vote): Uint8Array {
  return encodeVote({ ...v, height: 0n, signature: undefined });
}
