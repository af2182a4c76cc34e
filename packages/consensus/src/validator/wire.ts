/**
 * The validator engine's messages on the wire (docs/consensus.md §5.1): every payload is the sync envelope
 * `RLP(msgID) ‖ RLP(body)` from `@theta/core-types`, carrying the Theta encodings of proposals, votes,
 * blocks and guardian aggregates. Block sync asks for blocks by hash with a DataRequest on the Block
 * channel and gets each one back in a DataResponse.
 */
import {
  type AggregatedVotes,
  type Block,
  bytesToPrefixedHex,
  ChannelId,
  decodeAggregatedVotes,
  decodeBlock,
  decodeProposal,
  decodeSyncMessage,
  decodeVote,
  encodeAggregatedVotes,
  encodeBlock,
  encodeProposal,
  encodeSyncMessage,
  encodeVote,
  type HeaderForkHeights,
  hexToFixedBytes,
  type Proposal,
  ThetaError,
  type Vote,
} from "@theta/core-types";

/** Error codes of consensus messages. */
export const WireErrorCode = {
  UnexpectedMessage: "CONSENSUS_UNEXPECTED_MESSAGE",
} as const;

/** A decoded consensus message. */
export type ConsensusMessage =
  | { readonly kind: "proposal"; readonly proposal: Proposal }
  | { readonly kind: "vote"; readonly vote: Vote }
  | { readonly kind: "block"; readonly block: Block }
  | { readonly kind: "blockRequest"; readonly hashes: readonly Uint8Array[] }
  /** An inventory request or response on the Block channel: the header-first syncer's (`src/sync/`). */
  | { readonly kind: "inventory" }
  | { readonly kind: "guardian"; readonly votes: AggregatedVotes };

const dataResponse = (channelId: number, payload: Uint8Array): Uint8Array =>
  encodeSyncMessage({ type: "dataResponse", channelId, payload });

/** A proposal as it is broadcast on the Proposal channel. */
export function proposalMessage(p: Proposal, forks: HeaderForkHeights): Uint8Array {
  return dataResponse(ChannelId.Proposal, encodeProposal(p, forks));
}

/** A vote as it is broadcast on the Vote channel. */
export function voteMessage(v: Vote): Uint8Array {
  return dataResponse(ChannelId.Vote, encodeVote(v));
}

/** One block sent in answer to a block request (Block channel). */
export function blockMessage(b: Block, forks: HeaderForkHeights): Uint8Array {
  return dataResponse(ChannelId.Block, encodeBlock(b, forks));
}

/** The same from the block's encoding (`encodeBlock`, as a block store holds it). */
export function encodedBlockMessage(encoded: Uint8Array): Uint8Array {
  return dataResponse(ChannelId.Block, encoded);
}

/** A guardian aggregate as gossiped on the Guardian channel. */
export function guardianMessage(v: AggregatedVotes): Uint8Array {
  return dataResponse(ChannelId.Guardian, encodeAggregatedVotes(v));
}

/** A request for blocks by hash (hashes as `0x` + 64 lowercase hex, docs/consensus.md §0.1). */
export function blockRequestMessage(hashes: readonly Uint8Array[]): Uint8Array {
  return encodeSyncMessage({
    type: "dataRequest",
    channelId: ChannelId.Block,
    entries: hashes.map(bytesToPrefixedHex),
  });
}

function unexpected(what: string): ThetaError {
  return new ThetaError(WireErrorCode.UnexpectedMessage, `consensus message: ${what}`);
}

/**
 * Decodes a payload received on `channel`. Throws a ThetaError for anything malformed or a message
 * that does not belong on that channel.
 */
export function decodeConsensusMessage(
  channel: number,
  payload: Uint8Array,
  forks: HeaderForkHeights,
): ConsensusMessage {
  const m = decodeSyncMessage(payload);
  if (m.channelId !== channel) {
    throw unexpected(`channel_id: expected ${channel} (the channel it came on), got ${m.channelId}`);
  }
  if (m.type === "dataRequest" && channel === ChannelId.Block) {
    return {
      kind: "blockRequest",
      hashes: m.entries.map((e, i) => hexToFixedBytes(e, 32, `data_request.entries[${i}]`)),
    };
  }
  if ((m.type === "inventoryRequest" || m.type === "inventoryResponse") && channel === ChannelId.Block) {
    return { kind: "inventory" };
  }
  if (m.type !== "dataResponse") {
    throw unexpected(`expected a data response or a block data request, got ${m.type}`);
  }
  switch (channel) {
    case ChannelId.Proposal:
      return { kind: "proposal", proposal: decodeProposal(m.payload, forks) };
    case ChannelId.Vote:
      return { kind: "vote", vote: decodeVote(m.payload) };
    case ChannelId.Block:
      return { kind: "block", block: decodeBlock(m.payload, forks) };
    case ChannelId.Guardian:
      return { kind: "guardian", votes: decodeAggregatedVotes(m.payload) };
    default:
      throw unexpected(`channel ${channel} carries no validator-engine message`);
  }
}
