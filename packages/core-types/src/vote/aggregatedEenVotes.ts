/**
 * Elite-edge-node aggregated votes (docs/consensus.md §3.6):
 * RLP `[Block, Multiplies uint32[], Addresses Address[], Signature]`. Each edge node signs RLP `[Block]`.
 */
import { ADDRESS_LENGTH, type Address, HASH_LENGTH, type Hash } from "../ledger/primitives.ts";
import { decodeFixedBytes, decodeList, type RlpItem, rlpDecode, rlpEncode } from "../rlp/index.ts";
import { multipliesFromItem, multipliesToItem } from "./multiplies.ts";
import { blsSignatureFromItem, signatureToItem } from "./signature.ts";

/** An aggregate of edge-node BLS signatures on a checkpoint block. */
export interface AggregatedEenVotes {
  readonly block: Hash;
  /** Multiplicity of each edge node's share, parallel to `addresses`. */
  readonly multiplies: readonly number[];
  /** Edge-node addresses, strictly ascending (checked by validation, not by the codec). */
  readonly addresses: readonly Address[];
  readonly signature: Uint8Array | undefined;
}

/** The RLP item of EEN aggregated votes. */
export function aggregatedEenVotesToItem(v: AggregatedEenVotes): RlpItem {
  return [
    v.block,
    multipliesToItem(v.multiplies, "aggregated_een_votes.multiplies"),
    [...v.addresses],
    signatureToItem(v.signature),
  ];
}

/** Decodes EEN aggregated votes strictly. */
export function aggregatedEenVotesFromItem(
  item: RlpItem,
  field = "aggregated_een_votes",
): AggregatedEenVotes {
  const [b, m, a, s] = decodeList(item, field, 4);
  return {
    block: decodeFixedBytes(b!, HASH_LENGTH, `${field}.block`),
    multiplies: multipliesFromItem(m!, `${field}.multiplies`),
    addresses: decodeList(a!, `${field}.addresses`).map((x, i) =>
      decodeFixedBytes(x, ADDRESS_LENGTH, `${field}.addresses[${i}]`),
    ),
    signature: blsSignatureFromItem(s!, `${field}.signature`),
  };
}

/** RLP of EEN aggregated votes. */
export function encodeAggregatedEenVotes(v: AggregatedEenVotes): Uint8Array {
  return rlpEncode(aggregatedEenVotesToItem(v));
}

/** Decodes exactly one AggregatedEENVotes. */
export function decodeAggregatedEenVotes(bytes: Uint8Array): AggregatedEenVotes {
  return aggregatedEenVotesFromItem(rlpDecode(bytes));
}

/** The message each elite edge node BLS-signs: RLP `[Block]` (`e1 a0…`). */
export function eenVoteSignBytes(block: Hash): Uint8Array {
  return rlpEncode([block]);
}
