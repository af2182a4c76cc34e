/**
 * The bytes a message carries on the wire: the reference's envelopes (docs/consensus.md §5.1) around the object's
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
import { isP2pChannel, maxPayloadBytes, maxWireBytes, type P2pChannelId } from "./channels.ts";

/** Why an inbound wire message was dropped. */
export const WireDropCode = {
  Oversized: "P2P_OVERSIZED",
  Malformed: "P2P_MALFORMED",
  WrongChannel: "P2P_WRONG_CHANNEL",
  WrongMessageType: "P2P_WRONG_MESSAGE_TYPE",
  UnknownChannel: "P2P_UNKNOWN_CHANNEL",
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
 * Checks and unwraps a wire message that arrived on `channel`: its size, its strict RLP envelope, the
 * channel id inside and the payload's size. Never throws on any input.
 */
export function decodeWireMessage(channel: P2pChannelId, raw: Uint8Array): Result<Uint8Array, WireDropCode> {
  const limit = maxWireBytes(channel);
  if (raw.length > limit) {
    return err(WireDropCode.Oversized, `message on channel ${channel}: ${raw.length} bytes exceeds ${limit}`);
  }
  let r: Result<Uint8Array, WireDropCode>;
  try {
    r = unwrap(channel, raw);
  } catch (e) {
    if (isThetaError(e)) return err(WireDropCode.Malformed, e.message);
    throw e;
  }
  if (r.ok && r.value.length > maxPayloadBytes(channel)) {
    return err(
      WireDropCode.Oversized,
      `payload on channel ${channel}: ${r.value.length} bytes exceeds ${maxPayloadBytes(channel)}`,
    );
  }
  return r;
}

/** The first byte of a DataResponse envelope (`RLP(3)`); a mempool message starts with a list prefix. */
const DATA_RESPONSE_BYTE = 0x03;

/**
 * Checks and unwraps a wire message whose channel is read from its own envelope (point-to-point
 * streams carry every channel): the channel must be one this network carries, then the same checks
 * as {@link decodeWireMessage}. Never throws on any input.
 */
export function decodeAnyWireMessage(
  raw: Uint8Array,
): Result<{ readonly channel: P2pChannelId; readonly payload: Uint8Array }, WireDropCode> {
  let channel: number;
  try {
    if (raw[0] === DATA_RESPONSE_BYTE) {
      const m = decodeSyncMessage(raw);
      if (m.type !== "dataResponse") {
        return err(WireDropCode.WrongMessageType, `sync_message: expected a DataResponse, got ${m.type}`);
      }
      channel = m.channelId;
    } else {
      channel = decodeMempoolMessage(raw).channelId;
    }
  } catch (e) {
    if (isThetaError(e)) return err(WireDropCode.Malformed, e.message);
    throw e;
  }
  const sync = raw[0] === DATA_RESPONSE_BYTE;
  if (!isP2pChannel(channel) || sync === (channel === WireChannelId.Transaction)) {
    return err(WireDropCode.UnknownChannel, `wire message: channel ${channel} is not carried here`);
  }
  const r = decodeWireMessage(channel, raw);
  return r.ok ? ok({ channel, payload: r.value }) : r;
}
