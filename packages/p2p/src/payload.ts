/**
 * The check of what a wire envelope carries, before the message is delivered or gossiped on: a
 * transaction on the transaction channel, and on each consensus channel a sync message of that
 * channel whose body decodes as the channel's object (a vote, a proposal, a block or a block request,
 * a guardian aggregate). With the chain's header fork heights (the network's `headerForks`) a header
 * is decoded once, under the layout its height has on that chain, and the decoded message is kept for
 * the engine and the syncer (`decodeConsensusMessageOnce`), which receive the same payload. Without
 * them, headers are decoded under each of the three header layouts, newest first, so a block passes
 * whatever its height. Channels whose objects nothing here decodes (headers, elite edge node votes)
 * need a sync envelope of their channel. Never throws.
 */
import { decodeConsensusMessageOnce } from "@theta/consensus";
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
/** One fork setting per header layout, the newest first: 14 fields (Theta3), 13 (Theta2), 12. */
const LAYOUTS: readonly HeaderForkHeights[] = [
  { theta2Height: 0n, theta3Height: 0n },
  { theta2Height: 0n, theta3Height: NEVER },
  { theta2Height: NEVER, theta3Height: NEVER },
];

/** Why a payload was refused. */
export const PayloadDropCode = { Invalid: "P2P_INVALID_PAYLOAD" } as const;

/**
 * Whether `payload`, unwrapped from a well-formed envelope of `channel`, is a message of that channel;
 * `forks`: the chain's header fork heights, when known.
 */
export function checkPayload(
  channel: P2pChannelId,
  payload: Uint8Array,
  forks?: HeaderForkHeights,
): Result<void, (typeof PayloadDropCode)[keyof typeof PayloadDropCode]> {
  try {
    switch (channel) {
      case ChannelId.Transaction:
        decodeTx(payload);
        return ok(undefined);
      case ChannelId.Block:
      case ChannelId.Proposal: {
        if (forks !== undefined) {
          decodeConsensusMessageOnce(channel, payload, forks);
          return ok(undefined);
        }
        let last: unknown;
        for (const layout of LAYOUTS) {
          try {
            decodeConsensusMessageOnce(channel, payload, layout);
            return ok(undefined);
          } catch (e) {
            last = e;
          }
        }
        throw last;
      }
      case ChannelId.Vote:
      case ChannelId.Guardian:
        decodeConsensusMessageOnce(channel, payload, forks ?? (LAYOUTS[0] as HeaderForkHeights));
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
