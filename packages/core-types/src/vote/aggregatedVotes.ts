/**
 * Guardian aggregated votes (docs/consensus.md §3.3): RLP `[Block, Gcp, Multiplies uint32[], Signature]`.
 * Every guardian signs the same message: the RLP of `[Block, Gcp, [], nil]`.
 */
import { HASH_LENGTH, type Hash } from "../ledger/primitives.ts";
import { decodeFixedBytes, decodeList, type RlpItem, rlpDecode, rlpEncode } from "../rlp/index.ts";
import { multipliesFromItem, multipliesToItem } from "./multiplies.ts";
import { blsSignatureFromItem, signatureToItem } from "./signature.ts";

/** An aggregate of guardian BLS signatures on a checkpoint block. */
export interface AggregatedVotes {
  /** The checkpoint block voted for. */
  readonly block: Hash;
  /** keccak256 of the RLP of the guardian candidate pool the signer indices refer to. */
  readonly gcp: Hash;
  /** How many times each guardian's share is in the aggregate, indexed like `gcp.WithStake()`. */
  readonly multiplies: readonly number[];
  /** 96-byte aggregated BLS signature; `undefined` when nil. */
  readonly signature: Uint8Array | undefined;
}

/** The RLP item of aggregated votes. */
export function aggregatedVotesToItem(v: AggregatedVotes): RlpItem {
  return [
    v.block,
    v.gcp,
    multipliesToItem(v.multiplies, "aggregated_votes.multiplies"),
    signatureToItem(v.signature),
  ];
}

/** Decodes aggregated votes strictly. */
export function aggregatedVotesFromItem(item: RlpItem, field = "aggregated_votes"): AggregatedVotes {
  const [b, g, m, s] = decodeList(item, field, 4);
  return {
    block: decodeFixedBytes(b!, HASH_LENGTH, `${field}.block`),
    gcp: decodeFixedBytes(g!, HASH_LENGTH, `${field}.gcp`),
    multiplies: multipliesFromItem(m!, `${field}.multiplies`),
    signature: blsSignatureFromItem(s!, `${field}.signature`),
  };
}

/** RLP of aggregated votes. */
export function encodeAggregatedVotes(v: AggregatedVotes): Uint8Array {
  return rlpEncode(aggregatedVotesToItem(v));
}

/** Decodes exactly one AggregatedVotes. */
export function decodeAggregatedVotes(bytes: Uint8Array): AggregatedVotes {
  return aggregatedVotesFromItem(rlpDecode(bytes));
}

/** The message every guardian BLS-signs: RLP `[Block, Gcp, [], nil]` (`f844 a0… a0… c0 80`). */
export function aggregatedVotesSignBytes(block: Hash, gcp: Hash): Uint8Array {
  return rlpEncode([block, gcp, [], new Uint8Array(0)]);
}
