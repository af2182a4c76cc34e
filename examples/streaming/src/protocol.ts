/**
 * What the viewer page and the relays agree on: the HTTP messages, the demo's prices and the
 * stable error codes a relay answers with. Amounts are TFuel wei, as decimal strings on the wire.
 */

/** The resource every pool of the demo pays for. */
export const RESOURCE_ID = "demo/stream-1";
/** Bytes per chunk the relays serve. */
export const CHUNK_SIZE = 32 * 1024;
/** Price of one chunk: 0.001 TFuel. */
export const PRICE_PER_CHUNK = 10n ** 15n;
/** The fee a relay pays to settle (the privatenet profile's minimum regular fee, 10^12 wei). */
export const SETTLEMENT_FEE = 10n ** 12n;
/** The fee the viewer pays to reserve its fund. */
export const RESERVE_FEE = 10n ** 12n;
/** Blocks a pool stays open (the ledger's minimum reserve duration is 300). */
export const RESERVE_DURATION = 300n;

/** Error codes in a relay's JSON refusals. */
export const StreamErrorCode = {
  BadRequest: "STREAM_BAD_REQUEST",
  NoSuchChunk: "STREAM_NO_SUCH_CHUNK",
  UnknownPool: "STREAM_UNKNOWN_POOL",
  Underpaid: "STREAM_UNDERPAID",
  Overspend: "STREAM_OVERSPEND_DETECTED",
  NothingToSettle: "STREAM_NOTHING_TO_SETTLE",
  Node: "STREAM_NODE_ERROR",
} as const;
export type StreamErrorCode = (typeof StreamErrorCode)[keyof typeof StreamErrorCode];

/** `GET /info`. */
export interface RelayInfo {
  readonly name: string;
  /** 0x-prefixed hex address: the target of the payments. */
  readonly address: string;
  readonly chainId: string;
  readonly resourceId: string;
  readonly pricePerChunk: string;
  readonly chunkSize: number;
  readonly chunks: number;
  readonly totalBytes: number;
  readonly mimeType: string;
}

/** `POST /chunk` body: chunk `index`, paid by the cumulative payment `payment` (raw tx hex). */
export interface ChunkRequest {
  readonly index: number;
  readonly payment: string;
}

/** `POST /end` body: the viewer's stream from this pool has ended. */
export interface EndRequest {
  readonly source: string;
  readonly reserveSequence: string;
}

/** One settlement a relay broadcast (`GET /settlements`, and the answer of `POST /end`). */
export interface SettlementInfo {
  readonly source: string;
  readonly reserveSequence: string;
  readonly paymentSequence: string;
  readonly amount: string;
  readonly chunks: number;
  readonly hash: string;
  readonly reason: "stream-ended" | "pool-expiring";
  status: "pending" | "finalized" | "failed";
}

/** Any refusal: HTTP 4xx/5xx with this body. */
export interface RelayRefusal {
  readonly error: { readonly code: string; readonly message: string };
}
