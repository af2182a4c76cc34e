/**
 * The channels this network carries: the consensus channels of the `Network` port plus the mempool's
 * transaction channel, numbered as the reference numbers them (docs/consensus.md §5.1), with the message
 * size limits of the reference's libp2p messenger (docs/consensus.md §5.6).
 */
import { Channel, type ChannelId } from "@theta/consensus";
import { ChannelId as WireChannelId } from "@theta/core-types";

/** A channel this package can carry: a consensus channel or the transaction channel (7). */
export type P2pChannelId = ChannelId | typeof WireChannelId.Transaction;

/** Every channel, in numeric order. */
export const P2P_CHANNELS: readonly P2pChannelId[] = [
  Channel.Header,
  Channel.Block,
  Channel.Proposal,
  Channel.Vote,
  WireChannelId.Transaction,
  Channel.Guardian,
  Channel.EliteEdgeNodeVote,
  Channel.AggregatedEliteEdgeNodeVotes,
];

const CONSENSUS = new Set<number>(Object.values(Channel));
const ALL = new Set<number>(P2P_CHANNELS);

/** True when `n` is a channel of the consensus `Network` port. */
export function isConsensusChannel(n: number): n is ChannelId {
  return CONSENSUS.has(n);
}

/** True when `n` is a channel this package carries. */
export function isP2pChannel(n: number): n is P2pChannelId {
  return ALL.has(n);
}

/** 12 MiB: the largest payload on the Block and Proposal channels. */
export const MAX_BLOCK_MESSAGE_BYTES = 12 * 1024 * 1024;
/** 1 MiB: the largest payload on every other channel. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Room for the envelope around the largest payload (channel id and RLP length prefixes). */
export const ENVELOPE_OVERHEAD_BYTES = 16;

/** The largest payload (the object's encoding, before the envelope) allowed on `channel`. */
export function maxPayloadBytes(channel: P2pChannelId): number {
  return channel === Channel.Block || channel === Channel.Proposal
    ? MAX_BLOCK_MESSAGE_BYTES
    : MAX_MESSAGE_BYTES;
}

/** The largest wire message (payload plus envelope) accepted on `channel`. */
export function maxWireBytes(channel: P2pChannelId): number {
  return maxPayloadBytes(channel) + ENVELOPE_OVERHEAD_BYTES;
}
