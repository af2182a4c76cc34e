/**
 * Proposal message (docs/consensus.md §1.3): RLP `[Block (nil → 0xc0), ProposerID, Votes (nil → 0xc0)]`.
 */
import { ADDRESS_LENGTH, type Address } from "../ledger/primitives.ts";
import { decodeFixedBytes, decodeList, isRlpList, type RlpItem, rlpDecode, rlpEncode } from "../rlp/index.ts";
import { type VoteSet, voteSetFromItem, voteSetToItem } from "../vote/voteSet.ts";
import { type Block, blockFromItem, blockToItem } from "./block.ts";
import type { HeaderForkHeights } from "./forks.ts";

/** A proposed block with piggy-backed votes. */
export interface Proposal {
  readonly block: Block | undefined;
  readonly proposerId: Address;
  readonly votes: VoteSet;
}

/** The RLP item of a proposal. */
export function proposalToItem(p: Proposal, forks: HeaderForkHeights): RlpItem {
  return [p.block === undefined ? [] : blockToItem(p.block, forks), p.proposerId, voteSetToItem(p.votes)];
}

/** Decodes a proposal strictly; an empty list in the block position means no block. */
export function proposalFromItem(item: RlpItem, forks: HeaderForkHeights, field = "proposal"): Proposal {
  const [b, id, votes] = decodeList(item, field, 3);
  const noBlock = isRlpList(b!) && b.length === 0;
  return {
    block: noBlock ? undefined : blockFromItem(b!, forks, `${field}.block`),
    proposerId: decodeFixedBytes(id!, ADDRESS_LENGTH, `${field}.proposer_id`),
    votes: voteSetFromItem(votes!, `${field}.votes`),
  };
}

/** RLP of a proposal. */
export function encodeProposal(p: Proposal, forks: HeaderForkHeights): Uint8Array {
  return rlpEncode(proposalToItem(p, forks));
}

/** Decodes exactly one proposal. */
export function decodeProposal(bytes: Uint8Array, forks: HeaderForkHeights): Proposal {
  return proposalFromItem(rlpDecode(bytes), forks);
}
