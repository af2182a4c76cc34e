/**
 * Wire envelopes of the sync channels (docs/consensus.md §5.1): `RLP(msgID u8) ‖ RLP(body)` with the
 * dispatcher's four message bodies, and the mempool's unprefixed `RLP(DataResponse{7, rawTx})`.
 * Consensus objects (votes, proposals, aggregates) travel as a DataResponse payload.
 */
import { concatBytes } from "../bytes.ts";
import { ThetaError } from "../errors.ts";
import * as rlp from "../rlp/index.ts";
import { ConsensusErrorCode } from "./errors.ts";

/** Channel ids (`common.ChannelIDEnum`). */
export const ChannelId = {
  Invalid: 0,
  Checkpoint: 1,
  Header: 2,
  Block: 3,
  Proposal: 4,
  CC: 5,
  Vote: 6,
  Transaction: 7,
  PeerDiscovery: 8,
  Ping: 9,
  Guardian: 10,
  NatMapping: 11,
  EliteEdgeNodeVote: 12,
  AggregatedEliteEdgeNodeVotes: 13,
} as const;
export type ChannelId = (typeof ChannelId)[keyof typeof ChannelId];

/** Message ids of the sync envelope. */
export const SyncMessageId = {
  InventoryRequest: 0,
  InventoryResponse: 1,
  DataRequest: 2,
  DataResponse: 3,
} as const;
export type SyncMessageId = (typeof SyncMessageId)[keyof typeof SyncMessageId];

/** A dispatcher message. `channelId` is a uint8 (any value decodes; routing decides). */
export type SyncMessage =
  | {
      readonly type: "inventoryRequest";
      readonly channelId: number;
      readonly starts: readonly string[];
      readonly end: string;
    }
  | { readonly type: "inventoryResponse"; readonly channelId: number; readonly entries: readonly string[] }
  | { readonly type: "dataRequest"; readonly channelId: number; readonly entries: readonly string[] }
  | { readonly type: "dataResponse"; readonly channelId: number; readonly payload: Uint8Array };

const strings = (xs: readonly string[]): rlp.RlpItem => xs.map(rlp.encodeString);

function body(m: SyncMessage): [SyncMessageId, rlp.RlpItem] {
  const ch = rlp.encodeUint(m.channelId);
  switch (m.type) {
    case "inventoryRequest":
      return [SyncMessageId.InventoryRequest, [ch, strings(m.starts), rlp.encodeString(m.end)]];
    case "inventoryResponse":
      return [SyncMessageId.InventoryResponse, [ch, strings(m.entries)]];
    case "dataRequest":
      return [SyncMessageId.DataRequest, [ch, strings(m.entries)]];
    case "dataResponse":
      return [SyncMessageId.DataResponse, [ch, m.payload]];
  }
}

/** `RLP(msgID) ‖ RLP(body)`; note message id 0 encodes as the byte 0x80. */
export function encodeSyncMessage(m: SyncMessage): Uint8Array {
  const [id, item] = body(m);
  return concatBytes(rlp.rlpEncode(rlp.encodeUint(id)), rlp.rlpEncode(item));
}

function stringList(item: rlp.RlpItem, field: string): string[] {
  return rlp.decodeList(item, field).map((s, i) => rlp.decodeString(s, `${field}[${i}]`));
}

/** Decodes a sync message strictly: the first byte is the RLP message id, the rest one body item. */
export function decodeSyncMessage(raw: Uint8Array): SyncMessage {
  if (raw.length <= 1) {
    throw new ThetaError(
      ConsensusErrorCode.BadMessage,
      `sync message: expected more than 1 byte, got ${raw.length}`,
      {
        details: { field: "sync_message" },
      },
    );
  }
  const id = Number(rlp.decodeUint(rlp.rlpDecode(raw.subarray(0, 1)), "sync_message.msg_id", 8));
  const item = rlp.rlpDecode(raw.subarray(1));
  const f = "sync_message.body";
  switch (id) {
    case SyncMessageId.InventoryRequest: {
      const [ch, starts, end] = rlp.decodeList(item, f, 3);
      return {
        type: "inventoryRequest",
        channelId: Number(rlp.decodeUint(ch!, `${f}.channel_id`, 8)),
        starts: stringList(starts!, `${f}.starts`),
        end: rlp.decodeString(end!, `${f}.end`),
      };
    }
    case SyncMessageId.InventoryResponse:
    case SyncMessageId.DataRequest: {
      const [ch, entries] = rlp.decodeList(item, f, 2);
      return {
        type: id === SyncMessageId.DataRequest ? "dataRequest" : "inventoryResponse",
        channelId: Number(rlp.decodeUint(ch!, `${f}.channel_id`, 8)),
        entries: stringList(entries!, `${f}.entries`),
      };
    }
    case SyncMessageId.DataResponse:
      return dataResponseFromItem(item, f);
    default:
      throw new ThetaError(
        ConsensusErrorCode.BadMessage,
        `sync_message.msg_id: unknown message id ${id} (expected 0..3)`,
        {
          details: { field: "sync_message.msg_id" },
        },
      );
  }
}

function dataResponseFromItem(item: rlp.RlpItem, f: string): SyncMessage & { type: "dataResponse" } {
  const [ch, payload] = rlp.decodeList(item, f, 2);
  return {
    type: "dataResponse",
    channelId: Number(rlp.decodeUint(ch!, `${f}.channel_id`, 8)),
    payload: rlp.decodeBytes(payload!, `${f}.payload`),
  };
}

/** The mempool channel's message: `RLP(DataResponse{7, rawTx})`, no message-id prefix. */
export function encodeMempoolMessage(rawTx: Uint8Array): Uint8Array {
  return rlp.rlpEncode([rlp.encodeUint(ChannelId.Transaction), rawTx]);
}

/** Decodes a mempool message to its channel id and raw tx bytes. */
export function decodeMempoolMessage(raw: Uint8Array): { channelId: number; payload: Uint8Array } {
  const { channelId, payload } = dataResponseFromItem(rlp.rlpDecode(raw), "mempool_message");
  return { channelId, payload };
}
