/**
 * Block header with the reference's custom RLP layout (docs/consensus.md §1.1): fields 0–11 always,
 * then `GuardianVotes` when `height ≥ theta2Height` and `EliteEdgeNodeVotes` when
 * `height ≥ theta3Height`, each `0xc0` when absent. The header's own height picks the layout.
 */

import { ThetaError } from "../errors.ts";
import { ADDRESS_LENGTH, type Address, HASH_LENGTH, type Hash } from "../ledger/primitives.ts";
import * as rlp from "../rlp/index.ts";
import {
  type AggregatedEenVotes,
  aggregatedEenVotesFromItem,
  aggregatedEenVotesToItem,
} from "../vote/aggregatedEenVotes.ts";
import {
  type AggregatedVotes,
  aggregatedVotesFromItem,
  aggregatedVotesToItem,
} from "../vote/aggregatedVotes.ts";
import {
  type CommitCertificate,
  commitCertificateFromItem,
  commitCertificateToItem,
} from "../vote/commitCertificate.ts";
import { secpSignatureFromItem, signatureToItem } from "../vote/signature.ts";
import type { HeaderForkHeights } from "./forks.ts";

/** Length of the (always zero) log bloom. */
export const BLOOM_LENGTH = 256;

/** A block header. */
export interface BlockHeader {
  readonly chainId: string;
  readonly epoch: bigint;
  readonly height: bigint;
  readonly parent: Hash;
  /** Highest committed certificate known to the proposer. */
  readonly hcc: CommitCertificate;
  /** Guardian aggregate (only representable when `height ≥ theta2Height`). */
  readonly guardianVotes: AggregatedVotes | undefined;
  /** Edge-node aggregate (only representable when `height ≥ theta3Height`). */
  readonly eliteEdgeNodeVotes: AggregatedEenVotes | undefined;
  readonly txHash: Hash;
  readonly receiptHash: Hash;
  readonly bloom: Uint8Array;
  readonly stateHash: Hash;
  /** Unix seconds; the reference's nil timestamp encodes as 0x80 and decodes as 0. */
  readonly timestamp: bigint;
  readonly proposer: Address;
  /** 65-byte proposer signature, `undefined` when unsigned. */
  readonly signature: Uint8Array | undefined;
}

const EMPTY_LIST: rlp.RlpItem = [];

function voteFieldCount(height: bigint, forks: HeaderForkHeights): number {
  return 12 + (height >= forks.theta2Height ? 1 : 0) + (height >= forks.theta3Height ? 1 : 0);
}

/**
 * The RLP item of a header. Vote fields that the header's height does not carry are dropped,
 * as the reference does, so they must be `undefined` for the result to round-trip.
 */
export function headerToItem(h: BlockHeader, forks: HeaderForkHeights): rlp.RlpItem {
  const items: rlp.RlpItem[] = [
    rlp.encodeString(h.chainId),
    rlp.encodeUint(h.epoch),
    rlp.encodeUint(h.height),
    h.parent,
    commitCertificateToItem(h.hcc),
    h.txHash,
    h.receiptHash,
    h.bloom,
    h.stateHash,
    rlp.encodeUint(h.timestamp),
    h.proposer,
    signatureToItem(h.signature),
  ];
  if (h.height >= forks.theta2Height) {
    items.push(h.guardianVotes === undefined ? EMPTY_LIST : aggregatedVotesToItem(h.guardianVotes));
  }
  if (h.height >= forks.theta3Height) {
    items.push(
      h.eliteEdgeNodeVotes === undefined ? EMPTY_LIST : aggregatedEenVotesToItem(h.eliteEdgeNodeVotes),
    );
  }
  return items;
}

function isEmptyList(item: rlp.RlpItem): boolean {
  return rlp.isRlpList(item) && item.length === 0;
}

/** Decodes a header item strictly: exactly 12, 13 or 14 fields as its own height requires. */
export function headerFromItem(item: rlp.RlpItem, forks: HeaderForkHeights, field = "header"): BlockHeader {
  const list = rlp.decodeList(item, field);
  if (list.length < 12) {
    throw new ThetaError(
      rlp.RlpErrorCode.WrongElementCount,
      `${field}: expected at least 12 elements, got ${list.length} (too few elements)`,
      { details: { field } },
    );
  }
  const height = rlp.decodeUint(list[2]!, `${field}.height`, 64);
  const expected = voteFieldCount(height, forks);
  rlp.decodeList(item, field, expected);
  const g = expected > 12 ? list[12]! : EMPTY_LIST;
  const e = expected > 13 ? list[13]! : EMPTY_LIST;
  return {
    chainId: rlp.decodeString(list[0]!, `${field}.chain_id`),
    epoch: rlp.decodeUint(list[1]!, `${field}.epoch`, 64),
    height,
    parent: rlp.decodeFixedBytes(list[3]!, HASH_LENGTH, `${field}.parent`),
    hcc: commitCertificateFromItem(list[4]!, `${field}.hcc`),
    guardianVotes: isEmptyList(g) ? undefined : aggregatedVotesFromItem(g, `${field}.guardian_votes`),
    eliteEdgeNodeVotes: isEmptyList(e)
      ? undefined
      : aggregatedEenVotesFromItem(e, `${field}.elite_edge_node_votes`),
    txHash: rlp.decodeFixedBytes(list[5]!, HASH_LENGTH, `${field}.tx_hash`),
    receiptHash: rlp.decodeFixedBytes(list[6]!, HASH_LENGTH, `${field}.receipt_hash`),
    bloom: rlp.decodeFixedBytes(list[7]!, BLOOM_LENGTH, `${field}.bloom`),
    stateHash: rlp.decodeFixedBytes(list[8]!, HASH_LENGTH, `${field}.state_hash`),
    timestamp: rlp.decodeBigInt(list[9]!, `${field}.timestamp`),
    proposer: rlp.decodeFixedBytes(list[10]!, ADDRESS_LENGTH, `${field}.proposer`),
    signature: secpSignatureFromItem(list[11]!, `${field}.signature`),
  };
}

/** RLP of the full header, signature included; the block hash is keccak256 of these bytes. */
export function encodeHeader(h: BlockHeader, forks: HeaderForkHeights): Uint8Array {
  return rlp.rlpEncode(headerToItem(h, forks));
}

/** Decodes exactly one header. */
export function decodeHeader(bytes: Uint8Array, forks: HeaderForkHeights): BlockHeader {
  return headerFromItem(rlp.rlpDecode(bytes), forks);
}

/** The bytes the proposer signs (keccak256 of them): the header with a nil signature. */
export function headerSignBytes(h: BlockHeader, forks: HeaderForkHeights): Uint8Array {
  return encodeHeader({ ...h, signature: undefined }, forks);
}

/** The header-channel payload `Headers{HeaderArray}`: RLP `[[header…]]`. */
export function encodeHeaderList(headers: readonly BlockHeader[], forks: HeaderForkHeights): Uint8Array {
  return rlp.rlpEncode([headers.map((h) => headerToItem(h, forks))]);
}

/** Decodes a header-channel payload strictly. */
export function decodeHeaderList(bytes: Uint8Array, forks: HeaderForkHeights): BlockHeader[] {
  const [list] = rlp.decodeList(rlp.rlpDecode(bytes), "headers", 1);
  return rlp
    .decodeList(list!, "headers.header_array")
    .map((h, i) => headerFromItem(h, forks, `headers.header_array[${i}]`));
}
