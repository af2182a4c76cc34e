/**
 * The check of what a wire envelope carries, before the message is delivered or gossiped on: a
 * transaction on the transaction channel, and on each consensus channel a sync message of that
 * channel whose body decodes as the channel's object (a vote, a proposal, a block or a block request,
 * a guardian aggregate). Headers are decoded under each of the three header layouts (the fork
 * heights are the chain's, unknown here), so a block passes whatever its height. Channels whose
 * objects nothing here decodes (headers, elite edge node votes) need a sync envelope of their channel.
 * Never throws.
 */
import { decodeConsensusMessage } from "@theta/consensus";
import {
  ChannelId,
  decodeSyncMessage,
  decodeTx,
  err,
  type HeaderForkHeights,
  isThetaError,
  ok,
  type Result,
} from "@theta/core-types";
import type { P2pChannelId } from "./channels.ts";

const NEVER = 2n ** 64n - 1n;
/** One fork setting per header layout: 12 fields, 13 (Theta2), 14 (Theta3). */
const LAYOUTS: readonly HeaderForkHeights[] = [
  { theta2Height: NEVER, theta3Height: NEVER },
  { theta2Height: 0n, theta3Height: NEVER },
  { theta2Height: 0n, theta3Height: 0n },
];

/** Why a payload was refused. */
export const PayloadDropCode = { Invalid: "P2P_INVALID_PAYLOAD" } as const;

/** Whether `payload`, unwrapped from a well-formed envelope of `channel`, is a message of that channel. */
export function checkPayload(
  channel: P2pChannelId,
  payload: Uint8Array,
): Result<void, (typeof PayloadDropCode)[keyof typeof PayloadDropCode]> {
  try {
    switch (channel) {
      case ChannelId.Transaction:
        decodeTx(payload);
        return ok(undefined);
      case ChannelId.Block:
      case ChannelId.Proposal: {
        let last: unknown;
        for (const forks of LAYOUTS) {
          try {
            decodeConsensusMessage(channel, payload, forks);
            return ok(undefined);
          } catch (e) {
            last = e;
          }
        }
        throw last;
      }
      case ChannelId.Vote:
      case ChannelId.Guardian:
        decodeConsensusMessage(channel, payload, LAYOUTS[0]!);
        return ok(undefined);
      default: {
        const m = decodeSyncMessage(payload);
        if (m.channelId !== channel)
          return err(
            PayloadDropCode.Invalid,
            `payload: a sync message of channel ${m.channelId}, expected ${channel}`,
          );
        return ok(undefined);
      }
    }
  } catch (e) {
    if (isThetaError(e)) return err(PayloadDropCode.Invalid, `payload on channel ${channel}: ${e.message}`);
    return err(PayloadDropCode.Invalid, `payload on channel ${channel}: ${String(e)}`);
  }
}
