/** Counters of what the network sent, delivered and dropped (for logs, metrics and tests). */
import { TxBatchErrorCode } from "./txBatch.ts";
import { WireDropCode } from "./wire.ts";

/** Why a message was not sent or not delivered. */
export const DropReason = {
  /** An inbound message larger than its channel's limit. */
  InboundOversized: "inboundOversized",
  /** An inbound message whose envelope is not strict RLP. */
  InboundMalformed: "inboundMalformed",
  /** An inbound envelope naming another channel than its topic, a channel not carried here, or not a DataResponse. */
  InboundWrongChannel: "inboundWrongChannel",
  /**
   * An inbound message whose envelope is sound but whose payload is not a message of its channel (a
   * transaction, a vote, a proposal, a block or block request, a guardian aggregate): not delivered,
   * and as gossip not forwarded.
   */
  InboundInvalidPayload: "inboundInvalidPayload",
  /** An inbound tx batch refused as a whole: malformed, over its count limit or naming another channel. */
  InboundInvalidBatch: "inboundInvalidBatch",
  /** An inbound direct stream that failed (reset or broken) before it ended cleanly. */
  InboundStreamFailed: "inboundStreamFailed",
  /** A payload the caller asked to send that exceeds its channel's limit. */
  OutboundOversized: "outboundOversized",
  /** A channel number this network does not carry. */
  UnknownChannel: "unknownChannel",
  /** `send` to a peer that is not connected (or not on this chain). */
  UnknownPeer: "unknownPeer",
  /** `send` while that peer already has the maximum of queued messages. */
  SendQueueFull: "sendQueueFull",
  /** A point-to-point send that failed (dial, stream or timeout). */
  SendFailed: "sendFailed",
  /** A gossip publish that failed. */
  PublishFailed: "publishFailed",
  /** `broadcast` or `send` before `start()` or after `stop()`. */
  NotRunning: "notRunning",
  /** A subscriber callback threw; the error was logged and the other subscribers still ran. */
  SubscriberThrew: "subscriberThrew",
} as const;

/** One of the {@link DropReason} values. */
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** The drop reason of an inbound wire message refused with `code`. */
export function dropReasonOfWire(code: WireDropCode): DropReason {
  if (code === WireDropCode.Oversized) return DropReason.InboundOversized;
  if (code === WireDropCode.Malformed) return DropReason.InboundMalformed;
  return DropReason.InboundWrongChannel;
}

/** The drop reason of an inbound tx batch refused with `code`. */
export function dropReasonOfBatch(code: TxBatchErrorCode): DropReason {
  return code === TxBatchErrorCode.Oversized ? DropReason.InboundOversized : DropReason.InboundInvalidBatch;
}

/** A snapshot of the counters. */
export interface P2pStats {
  /** Gossip messages published. */
  readonly broadcastsSent: number;
  /** Point-to-point messages written to a stream. */
  readonly directSent: number;
  /** Messages delivered to subscribers (gossip and point-to-point). */
  readonly delivered: number;
  /** Peers disconnected because they do not speak this chain's protocols. */
  readonly wrongChainPeers: number;
  /** Penalties received through `penalise` (each disconnects its peer and denies it for a while). */
  readonly penalisedPeers: number;
  /** Connections and dials refused because their peer is penalised (inbound and outbound). */
  readonly deniedConnections: number;
  /** Point-to-point messages waiting in the per-peer send queues now (all peers). */
  readonly queuedSends: number;
  /** Their bytes. */
  readonly queuedSendBytes: number;
  /** Dropped messages by reason. */
  readonly dropped: Readonly<Record<DropReason, number>>;
}

/** Mutable counters behind {@link P2pStats}. */
export interface StatsCounter {
  broadcastsSent: number;
  directSent: number;
  delivered: number;
  wrongChainPeers: number;
  penalisedPeers: number;
  deniedConnections: number;
  readonly dropped: Record<DropReason, number>;
}

/** Fresh counters, all zero. */
export function createStatsCounter(): StatsCounter {
  const dropped = Object.fromEntries(Object.values(DropReason).map((r) => [r, 0])) as Record<
    DropReason,
    number
  >;
  return {
    broadcastsSent: 0,
    directSent: 0,
    delivered: 0,
    wrongChainPeers: 0,
    penalisedPeers: 0,
    deniedConnections: 0,
    dropped,
  };
}

/** A frozen copy of the counters, with the send queues' current totals. */
export function snapshotStats(
  c: StatsCounter,
  queued: { readonly messages: number; readonly bytes: number } = { messages: 0, bytes: 0 },
): P2pStats {
  return Object.freeze({
    broadcastsSent: c.broadcastsSent,
    directSent: c.directSent,
    delivered: c.delivered,
    wrongChainPeers: c.wrongChainPeers,
    penalisedPeers: c.penalisedPeers,
    deniedConnections: c.deniedConnections,
    queuedSends: queued.messages,
    queuedSendBytes: queued.bytes,
    dropped: Object.freeze({ ...c.dropped }),
  });
}
