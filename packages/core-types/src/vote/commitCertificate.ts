/**
 * Commit certificate (docs/consensus.md §1.4): RLP `[Votes VoteSet, BlockHash]`. A nil vote set and an
 * empty one both encode as `0xc0`, so `votes` is simply empty for either.
 */
import { HASH_LENGTH, type Hash } from "../ledger/primitives.ts";
import { decodeFixedBytes, decodeList, type RlpItem, rlpDecode, rlpEncode } from "../rlp/index.ts";
import { type VoteSet, voteSetFromItem, voteSetToItem } from "./voteSet.ts";

/** Votes for `blockHash` that together (may) commit it. */
export interface CommitCertificate {
  readonly votes: VoteSet;
  readonly blockHash: Hash;
}

/** The RLP item of a CC. */
export function commitCertificateToItem(cc: CommitCertificate): RlpItem {
  return [voteSetToItem(cc.votes), cc.blockHash];
}

/** Decodes a CC item strictly. */
export function commitCertificateFromItem(item: RlpItem, field = "cc"): CommitCertificate {
  const [votes, hash] = decodeList(item, field, 2);
  return {
    votes: voteSetFromItem(votes!, `${field}.votes`),
    blockHash: decodeFixedBytes(hash!, HASH_LENGTH, `${field}.block_hash`),
  };
}

/** RLP of a CC. */
export function encodeCommitCertificate(cc: CommitCertificate): Uint8Array {
  return rlpEncode(commitCertificateToItem(cc));
}

/** Decodes exactly one CC. */
export function decodeCommitCertificate(bytes: Uint8Array): CommitCertificate {
  return commitCertificateFromItem(rlpDecode(bytes));
}
