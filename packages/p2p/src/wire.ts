/**
 * The bytes a message carries on the wire: the reference's §5.1 envelopes around the object's
 * encoding, so a receiver can check the channel inside against the topic or protocol it came on.
 * Sync channels carry `RLP(3) ‖ RLP([channel, payload])` (a DataResponse); the transaction channel
 * carries the mempool's `RLP([7, rawTx])`.
 */
import {
  decodeMempoolMessage,
  decodeSyncMessage,
  encodeMempoolMessage,
  encodeSyncMessage,
  err,
  isThetaError,
  ok,
  type Result,
  ChannelId as WireChannelId,
} from "@theta/core-types";
import { maxWireBytes, type P2pChannelId } from "./channels.ts";

/** Why an inbound wire message was dropped. */
export const WireDropCode = {
  Oversized: "P2P_OVERSIZED",
  Malformed: "P2P_MALFORMED",
  WrongChannel: "P2P_WRONG_CHANNEL",
  WrongMessageType: "P2P_WRONG_MESSAGE_TYPE",
} as const;

/** One of the {@link WireDropCode} values. */
export type WireDropCode = (typeof WireDropCode)[keyof typeof WireDropCode];

/** Wraps an object's encoding in the envelope of `channel`. */
export function encodeWireMessage(channel: P2pChannelId, payload: Uint8Array): Uint8Array {
  if (channel === WireChannelId.Transaction) return encodeMempoolMessage(payload);
  return encodeSyncMessage({ type: "dataResponse", channelId: channel, payload });
}

function unwrap(channel: P2pChannelId, raw: Uint8Array): Result<Uint8Array, WireDropCode> {
  if (channel === WireChannelId.Transaction) {
    const m = decodeMempoolMessage(raw);
    if (m.channelId !== channel) {
      return err(
        WireDropCode.WrongChannel,
        `mempool_message.channel_id: expected ${channel}, got ${m.channelId}`,
      );
    }
    return ok(m.payload);
  }
  const m = decodeSyncMessage(raw);
  if (m.type !== "dataResponse") {
    return err(WireDropCode.WrongMessageType, `sync_message: expected a DataResponse, got ${m.type}`);
  }
  if (m.channelId !== channel) {
    return err(WireDropCode.WrongChannel, `sync_message.channel_id: expected ${channel}, got ${m.channelId}`);
  }
  return ok(m.payload);
}

/**
 * Checks and unwraps a wire message that arrived on `channel`: its size, its strict RLP envelope and
 * the channel id inside. Never throws on any input.
 */
export function decodeWireMessage(channel: P2pChannelId, raw: Uint8Array): Result<Uint8Array, WireDropCode> {
  const limit = maxWireBytes(channel);
  if (raw.length > limit) {
    return err(WireDropCode.Oversized, `message on channel ${channel}: ${raw.length} bytes exceeds ${limit}`);
  }
  try {
    return unwrap(channel, raw);
  } catch (e) {
    if (isThetaError(e)) return err(WireDropCode.Malformed, e.message);
    throw e;
  }
}
