/**
 * EEN messages on the wire (docs/consensus.md §5.1): a single vote as a DataResponse on channel 12
 * (`EliteEdgeNodeVote`) and an aggregate on channel 13 (`AggregatedEliteEdgeNodeVotes`), in the sync
 * envelope `RLP(msgID) ‖ RLP(body)` of core-types with the Theta encodings as payloads.
 */
import {
  type AggregatedEenVotes,
  ChannelId,
  decodeAggregatedEenVotes,
  decodeEenVote,
  decodeSyncMessage,
  type EenVote,
  encodeAggregatedEenVotes,
  encodeEenVote,
  encodeSyncMessage,
  ThetaError,
} from "@theta/core-types";
import { WireErrorCode } from "../validator/wire.ts";

/** A decoded EEN message. */
export type EenWireMessage =
  | { readonly kind: "eenVote"; readonly vote: EenVote }
  | { readonly kind: "eenAggregate"; readonly votes: AggregatedEenVotes };

/** An edge node's vote as sent on channel 12. */
export function eenVoteMessage(v: EenVote): Uint8Array {
  return encodeSyncMessage({
    type: "dataResponse",
    channelId: ChannelId.EliteEdgeNodeVote,
    payload: encodeEenVote(v),
  });
}

/** An aggregate as gossiped on channel 13. */
export function eenAggregateMessage(v: AggregatedEenVotes): Uint8Array {
  return encodeSyncMessage({
    type: "dataResponse",
    channelId: ChannelId.AggregatedEliteEdgeNodeVotes,
    payload: encodeAggregatedEenVotes(v),
  });
}

/** Whether `channel` carries EEN messages. */
export const isEenChannel = (channel: number): boolean =>
  channel === ChannelId.EliteEdgeNodeVote || channel === ChannelId.AggregatedEliteEdgeNodeVotes;

/** Decodes a payload received on channel 12 or 13; throws a ThetaError for anything else or malformed. */
export function decodeEenMessage(channel: number, payload: Uint8Array): EenWireMessage {
  const m = decodeSyncMessage(payload);
  if (m.channelId !== channel || m.type !== "dataResponse" || !isEenChannel(channel)) {
    throw new ThetaError(
      WireErrorCode.UnexpectedMessage,
      `een message: expected a data response on channel 12 or 13 naming its channel, got ${m.type} for ${m.channelId} on ${channel}`,
    );
  }
  return channel === ChannelId.EliteEdgeNodeVote
    ? { kind: "eenVote", vote: decodeEenVote(m.payload) }
    : { kind: "eenAggregate", votes: decodeAggregatedEenVotes(m.payload) };
}
