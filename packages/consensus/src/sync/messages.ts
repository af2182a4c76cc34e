/**
 * The syncer's messages on the wire (docs/consensus.md §5.1, §5.3), all in the sync envelope of
 * `@theta/core-types`: an InventoryRequest (locator `Starts`, empty `End`) and InventoryResponse (hashes)
 * on the Block channel, the headers of an inventory as a DataResponse on the Header channel (`[[header…]]`),
 * and block bodies asked for with a DataRequest of several hashes, each answered with a Block DataResponse.
 * Decoding checks sizes and entry counts before anything else, and throws typed errors.
 */
import {
  type Block,
  type BlockHeader,
  bytesToPrefixedHex,
  ChannelId,
  decodeHeaderList,
  decodeSyncMessage,
  encodeHeaderList,
  encodeSyncMessage,
  type HeaderForkHeights,
  hexToFixedBytes,
} from "@theta/core-types";
import { decodeConsensusMessageOnce, decodedBefore } from "../validator/decodeOnce.ts";
import { SyncErrorCode, syncError } from "./errors.ts";
import {
  INVENTORY_MAX_ENTRIES,
  LOCATOR_MAX_STARTS,
  SYNC_BATCH,
  SYNC_MAX_BLOCK_BYTES,
  SYNC_MAX_HEADERS_BYTES,
} from "./limits.ts";

/** A decoded sync message. */
export type SyncInbound =
  | { readonly kind: "inventoryRequest"; readonly starts: readonly Uint8Array[] }
  | { readonly kind: "inventoryResponse"; readonly hashes: readonly Uint8Array[] }
  | { readonly kind: "headers"; readonly headers: readonly BlockHeader[] }
  | { readonly kind: "block"; readonly block: Block }
  /** A message the syncer leaves to the engine (a block request, a proposal, a vote). */
  | { readonly kind: "other" };

/** An inventory request with a locator. */
export function inventoryRequestMessage(starts: readonly Uint8Array[]): Uint8Array {
  return encodeSyncMessage({
    type: "inventoryRequest",
    channelId: ChannelId.Block,
    starts: starts.map(bytesToPrefixedHex),
    end: "",
  });
}

/** An inventory response listing block hashes. */
export function inventoryResponseMessage(hashes: readonly Uint8Array[]): Uint8Array {
  return encodeSyncMessage({
    type: "inventoryResponse",
    channelId: ChannelId.Block,
    entries: hashes.map(bytesToPrefixedHex),
  });
}

/** The headers of an inventory, on the Header channel. */
export function headersMessage(headers: readonly BlockHeader[], forks: HeaderForkHeights): Uint8Array {
  return encodeSyncMessage({
    type: "dataResponse",
    channelId: ChannelId.Header,
    payload: encodeHeaderList(headers, forks),
  });
}

/** A request for a batch of blocks by hash. */
export function dataRequestMessage(hashes: readonly Uint8Array[]): Uint8Array {
  return encodeSyncMessage({
    type: "dataRequest",
    channelId: ChannelId.Block,
    entries: hashes.map(bytesToPrefixedHex),
  });
}

const hashes = (entries: readonly string[], field: string): Uint8Array[] =>
  entries.map((e, i) => hexToFixedBytes(e, 32, `${field}[${i}]`));

/**
 * Decodes what arrived on `channel` as far as the syncer cares. Throws a ThetaError with a
 * {@link SyncErrorCode} for an oversized or malformed message.
 */
export function decodeSyncInbound(
  channel: number,
  payload: Uint8Array,
  forks: HeaderForkHeights,
): SyncInbound {
  if (channel !== ChannelId.Block && channel !== ChannelId.Header) return { kind: "other" };
  const cap = channel === ChannelId.Header ? SYNC_MAX_HEADERS_BYTES : SYNC_MAX_BLOCK_BYTES;
  if (payload.length > cap) throw syncError(SyncErrorCode.Oversized, `${payload.length} bytes > ${cap}`);
  try {
    return decodeChecked(channel, payload, forks);
  } catch (e) {
    if (e instanceof Error && "code" in e && String(e.code).startsWith("SYNC_")) throw e;
    throw syncError(SyncErrorCode.Malformed, e instanceof Error ? e.message : String(e));
  }
}

function decodeChecked(channel: number, payload: Uint8Array, forks: HeaderForkHeights): SyncInbound {
  // A block the network's check or the engine decoded already (the same payload object).
  const known = channel === ChannelId.Block ? decodedBefore(channel, payload, forks) : undefined;
  if (known?.kind === "block") return { kind: "block", block: known.block };
  const m = decodeSyncMessage(payload);
  if (m.channelId !== channel) {
    throw syncError(SyncErrorCode.Malformed, `channel_id ${m.channelId} on channel ${channel}`);
  }
  if (channel === ChannelId.Header) {
    if (m.type !== "dataResponse") return { kind: "other" };
    const headers = decodeHeaderList(m.payload, forks);
    if (headers.length > INVENTORY_MAX_ENTRIES) {
      throw syncError(SyncErrorCode.Oversized, `${headers.length} headers > ${INVENTORY_MAX_ENTRIES}`);
    }
    return { kind: "headers", headers };
  }
  switch (m.type) {
    case "inventoryRequest":
      return { kind: "inventoryRequest", starts: hashes(m.starts.slice(0, LOCATOR_MAX_STARTS), "starts") };
    case "inventoryResponse":
      if (m.entries.length > INVENTORY_MAX_ENTRIES) {
        throw syncError(SyncErrorCode.Oversized, `${m.entries.length} entries > ${INVENTORY_MAX_ENTRIES}`);
      }
      return { kind: "inventoryResponse", hashes: hashes(m.entries, "entries") };
    case "dataResponse": {
      // Decoded for the engine too (it looks the payload up).
      const c = decodeConsensusMessageOnce(channel, payload, forks);
      return c.kind === "block" ? { kind: "block", block: c.block } : { kind: "other" };
    }
    default:
      if (m.entries.length > 4 * SYNC_BATCH) {
        throw syncError(SyncErrorCode.Oversized, `${m.entries.length} hashes in one data request`);
      }
      return { kind: "other" };
  }
}
