/**
 * What arrives on a direct stream, frame by frame: a tx batch (each tx checked and delivered on its
 * own) or one wire message of any channel, whose channel is read from its envelope. Bad frames are
 * dropped and counted; nothing here throws.
 */
import { ChannelId, type HeaderForkHeights } from "@theta/core-types";
import type { P2pChannelId } from "./channels.ts";
import { checkPayload } from "./payload.ts";
import { DropReason, dropReasonOfBatch, dropReasonOfWire } from "./stats.ts";
import { decodeTxBatchMessage, isTxBatchMessage, type TxBatchLimits } from "./txBatch.ts";
import { decodeAnyWireMessage } from "./wire.ts";

/** What the handler reports to. */
export interface DirectInboundDeps {
  readonly checkPayloads: boolean;
  /** The chain's header fork heights, when known (`checkPayload`). */
  readonly headerForks?: HeaderForkHeights | undefined;
  readonly batchLimits: TxBatchLimits;
  readonly drop: (reason: DropReason, fields: Record<string, unknown>, message: string) => void;
}

/** Handles one frame from `from`, handing each message it holds to `deliver`. */
export function handleDirectFrame(
  deps: DirectInboundDeps,
  frame: Uint8Array,
  from: string,
  deliver: (channel: P2pChannelId, payload: Uint8Array, known?: readonly string[]) => void,
): void {
  if (isTxBatchMessage(frame)) {
    const r = decodeTxBatchMessage(frame, deps.batchLimits);
    if (!r.ok) {
      deps.drop(dropReasonOfBatch(r.code), { from }, r.message);
      return;
    }
    const known = r.value.known;
    for (const payload of r.value.txs) {
      if (deps.checkPayloads) {
        const c = checkPayload(ChannelId.Transaction, payload);
        if (!c.ok) {
          deps.drop(DropReason.InboundInvalidPayload, { from }, c.message);
          continue;
        }
      }
      deliver(ChannelId.Transaction, payload, known);
    }
    return;
  }
  const r = decodeAnyWireMessage(frame);
  if (!r.ok) {
    deps.drop(dropReasonOfWire(r.code), { from }, r.message);
    return;
  }
  if (deps.checkPayloads) {
    const c = checkPayload(r.value.channel, r.value.payload, deps.headerForks);
    if (!c.ok) {
      deps.drop(DropReason.InboundInvalidPayload, { from }, c.message);
      return;
    }
  }
  deliver(r.value.channel, r.value.payload);
}
