/**
 * A single elite-edge-node vote (docs/consensus.md §3.6), sent on channel 12:
 * RLP `[Block, Height, Address, Signature (BLS), Timestamp]`.
 */
import { ADDRESS_LENGTH, type Address, HASH_LENGTH, type Hash } from "../ledger/primitives.ts";
import * as rlp from "../rlp/index.ts";
import { blsSignatureFromItem, signatureToItem } from "./signature.ts";

/** One edge node's BLS vote on a checkpoint. Height and timestamp are advisory. */
export interface EenVote {
  readonly block: Hash;
  readonly height: bigint;
  readonly address: Address;
  readonly signature: Uint8Array | undefined;
  /** Unix seconds; a nil timestamp encodes and decodes as 0. */
  readonly timestamp: bigint;
}

/** The RLP item of an EEN vote. */
export function eenVoteToItem(v: EenVote): rlp.RlpItem {
  return [
    v.block,
    rlp.encodeUint(v.height),
    v.address,
    signatureToItem(v.signature),
    rlp.encodeUint(v.timestamp),
  ];
}

/** Decodes an EEN vote strictly. */
export function eenVoteFromItem(item: rlp.RlpItem, field = "een_vote"): EenVote {
  const [b, h, a, s, t] = rlp.decodeList(item, field, 5);
  return {
    block: rlp.decodeFixedBytes(b!, HASH_LENGTH, `${field}.block`),
    height: rlp.decodeUint(h!, `${field}.height`, 64),
    address: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, `${field}.address`),
    signature: blsSignatureFromItem(s!, `${field}.signature`),
    timestamp: rlp.decodeBigInt(t!, `${field}.timestamp`),
  };
}

/** RLP of an EEN vote. */
export function encodeEenVote(v: EenVote): Uint8Array {
  return rlp.rlpEncode(eenVoteToItem(v));
}

/** Decodes exactly one EEN vote. */
export function decodeEenVote(bytes: Uint8Array): EenVote {
  return eenVoteFromItem(rlp.rlpDecode(bytes));
}
