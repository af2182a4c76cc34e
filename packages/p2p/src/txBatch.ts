/**
 * Transaction batches on the direct protocol: many raw txs in one wire message,
 * `RLP([7, [rawTx, rawTx, …], [peerId, …]])` — the mempool message of docs/consensus.md §5.1 whose
 * payload is a list of raw txs instead of one, then (optional) the peers the sender knows to hold or
 * to be getting these txs, so that the receiver does not relay to them (docs/consensus.md §5.7). The
 * decoder walks the lists without building them first, so a hostile message costs at most
 * `maxTxs` + 1 items.
 */
import {
  ChannelId,
  encodeUint,
  err,
  isRlpList,
  isThetaError,
  ok,
  type Result,
  rlpDecodeFirst,
  rlpEncode,
  ThetaError,
} from "@theta/core-types";
import { MAX_MESSAGE_BYTES } from "./channels.ts";

/** Why a tx batch was refused. */
export const TxBatchErrorCode = {
  /** The message is larger than `maxBytes`. */
  Oversized: "P2P_TX_BATCH_OVERSIZED",
  /** More txs than `maxTxs`. */
  TooMany: "P2P_TX_BATCH_TOO_MANY",
  /** Not strict RLP of the batch's shape (including an empty tx or an empty list). */
  Malformed: "P2P_TX_BATCH_MALFORMED",
  /** The channel id inside is not the transaction channel. */
  WrongChannel: "P2P_TX_BATCH_WRONG_CHANNEL",
} as const;

/** One of the {@link TxBatchErrorCode} values. */
export type TxBatchErrorCode = (typeof TxBatchErrorCode)[keyof typeof TxBatchErrorCode];

/** Limits a receiver applies to a batch. */
export interface TxBatchLimits {
  /** Largest message in bytes (default 1 MiB plus the envelope, the transaction channel's limit). */
  readonly maxBytes?: number;
  /** Most txs in one batch (default {@link MAX_TX_BATCH_TXS}). */
  readonly maxTxs?: number;
}

/** A decoded batch. */
export interface TxBatch {
  /** The raw txs, in order (views into the message). */
  readonly txs: Uint8Array[];
  /** Peer ids (`12D3KooW…`) the sender says hold or are getting these txs; empty when it did not say. */
  readonly known: string[];
}

/** Most peer ids in a batch's known list. */
export const MAX_TX_BATCH_KNOWN = 256;
/** Longest peer id in a batch's known list, in bytes. */
const MAX_PEER_ID_BYTES = 128;

/** The default count limit of a received batch (a sender batches 256 by default). */
export const MAX_TX_BATCH_TXS = 4096;
/** The default byte limit of a received batch: the transaction channel's payload limit plus room for the envelope. */
export const MAX_TX_BATCH_BYTES = MAX_MESSAGE_BYTES + 16;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Encodes a batch of raw txs as one wire message, with the peers known to hold them (if any). */
export function encodeTxBatchMessage(txs: readonly Uint8Array[], known: readonly string[] = []): Uint8Array {
  const items = [encodeUint(ChannelId.Transaction), [...txs]];
  if (known.length > 0) items.push(known.map((k) => utf8.encode(k)));
  return rlpEncode(items);
}

/** A list's header at `pos`: where its payload starts and ends; throws a `ThetaError` otherwise. */
function listAt(bytes: Uint8Array, pos: number, limit: number): { start: number; end: number } {
  const b = bytes[pos];
  if (b === undefined || pos >= limit || b < 0xc0) throw malformed("expected a list", pos);
  if (b < 0xf8) return checkEnd(pos + 1, pos + 1 + (b - 0xc0), limit, pos);
  const lenOfLen = b - 0xf7;
  if (pos + 1 + lenOfLen > limit || bytes[pos + 1] === 0) throw malformed("bad length prefix", pos);
  let len = 0;
  for (let i = 0; i < lenOfLen; i++) len = len * 256 + bytes[pos + 1 + i]!;
  if (len < 56) throw malformed("long length form for a short list", pos);
  return checkEnd(pos + 1 + lenOfLen, pos + 1 + lenOfLen + len, limit, pos);
}

function checkEnd(start: number, end: number, limit: number, pos: number): { start: number; end: number } {
  if (end > limit) throw malformed("list runs past its container", pos);
  return { start, end };
}

function malformed(what: string, pos: number): ThetaError {
  return new ThetaError(TxBatchErrorCode.Malformed, `tx batch: ${what} at offset ${pos}`);
}

/**
 * The non-empty byte strings of the list at `list`, each at most `maxLength` bytes; undefined when
 * there are more than `max`. Throws a `ThetaError` on anything else.
 */
function strings(
  raw: Uint8Array,
  list: { start: number; end: number },
  max: number,
  maxLength: number,
  what: string,
): Uint8Array[] | undefined {
  const out: Uint8Array[] = [];
  for (let p = list.start; p < list.end; ) {
    if (out.length === max) return undefined;
    if (raw[p]! >= 0xc0) throw malformed(`a ${what} is a list, expected bytes`, p);
    const item = rlpDecodeFirst(raw, p);
    if (item.end > list.end) throw malformed(`${what} runs past its list`, p);
    const bytes = item.item as Uint8Array;
    if (bytes.length === 0 || bytes.length > maxLength)
      throw malformed(`${what} of ${bytes.length} bytes`, p);
    out.push(bytes);
    p = item.end;
  }
  return out;
}

/** True when `raw` has a batch's outer shape: a list whose second item is a list (one tx: a string). */
export function isTxBatchMessage(raw: Uint8Array): boolean {
  try {
    const outer = listAt(raw, 0, raw.length);
    const first = rlpDecodeFirst(raw, outer.start);
    if (isRlpList(first.item)) return false;
    return first.end < outer.end && raw[first.end]! >= 0xc0;
  } catch {
    return false;
  }
}

/**
 * Decodes a batch with its limits: strict RLP, channel 7, between 1 and `maxTxs` non-empty raw txs,
 * at most `maxBytes` in all. Never throws on any input; the txs are views into `raw`.
 */
export function decodeTxBatchMessage(
  raw: Uint8Array,
  limits: TxBatchLimits = {},
): Result<TxBatch, TxBatchErrorCode> {
  const maxBytes = limits.maxBytes ?? MAX_TX_BATCH_BYTES;
  const maxTxs = limits.maxTxs ?? MAX_TX_BATCH_TXS;
  if (raw.length > maxBytes)
    return err(TxBatchErrorCode.Oversized, `tx batch: ${raw.length} bytes exceeds ${maxBytes}`);
  try {
    const outer = listAt(raw, 0, raw.length);
    if (outer.end !== raw.length) throw malformed("bytes after the message", outer.end);
    const ch = rlpDecodeFirst(raw, outer.start);
    if (isRlpList(ch.item) || ch.end > outer.end) throw malformed("expected the channel id", outer.start);
    const channel = ch.item.length === 1 ? ch.item[0] : -1;
    if (channel !== ChannelId.Transaction)
      return err(TxBatchErrorCode.WrongChannel, `tx batch: channel is not ${ChannelId.Transaction}`);
    const list = listAt(raw, ch.end, outer.end);
    const txs = strings(raw, list, maxTxs, Number.POSITIVE_INFINITY, "tx");
    if (txs === undefined) return err(TxBatchErrorCode.TooMany, `tx batch: more than ${maxTxs} txs`);
    if (txs.length === 0) throw malformed("no txs", list.start);
    if (list.end === outer.end) return ok({ txs, known: [] });
    const knownList = listAt(raw, list.end, outer.end);
    if (knownList.end !== outer.end) throw malformed("items after the known peers", knownList.end);
    const ids = strings(raw, knownList, MAX_TX_BATCH_KNOWN, MAX_PEER_ID_BYTES, "peer id");
    if (ids === undefined) throw malformed(`more than ${MAX_TX_BATCH_KNOWN} known peers`, knownList.start);
    if (ids.length === 0) throw malformed("an empty known-peer list (leave it out)", knownList.start);
    return ok({ txs, known: ids.map((b) => fromUtf8.decode(b)) });
  } catch (e) {
    if (e instanceof TypeError)
      return err(TxBatchErrorCode.Malformed, "tx batch: a known peer id is not UTF-8");
    if (isThetaError(e))
      return err(
        TxBatchErrorCode.Malformed,
        e.code === TxBatchErrorCode.Malformed ? e.message : `tx batch: ${e.message}`,
      );
    return err(TxBatchErrorCode.Malformed, `tx batch: ${String(e)}`);
  }
}
