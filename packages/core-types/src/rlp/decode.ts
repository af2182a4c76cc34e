/**
 * Strict RLP decoding, rejecting what go-ethereum's rlp package rejects: non-canonical length
 * prefixes, a single byte below 0x80 wrapped as a one-byte string, lengths that run past the
 * input, and (in `rlpDecode`) bytes after the item.
 */
import { ThetaError } from "../errors.ts";
import { RlpErrorCode } from "./errors.ts";
import type { RlpItem } from "./item.ts";

/** Deeper nesting than any Theta structure uses; guards the recursion against hostile input. */
export const RLP_MAX_DEPTH = 256;

function fail(code: RlpErrorCode, message: string, offset: number): never {
  throw new ThetaError(code, `rlp: ${message} at offset ${offset}`, { details: { offset } });
}

function readLength(bytes: Uint8Array, pos: number, lenOfLen: number): number {
  if (pos + lenOfLen > bytes.length)
    fail(RlpErrorCode.Truncated, "length prefix runs past the end of input", pos);
  if (bytes[pos] === 0) fail(RlpErrorCode.NonCanonicalSize, "length prefix has a leading zero byte", pos);
  let len = 0;
  for (let i = 0; i < lenOfLen; i++) len = len * 256 + bytes[pos + i]!;
  if (len < 56)
    fail(RlpErrorCode.NonCanonicalSize, `long length form used for a length of ${len} (< 56)`, pos);
  return len;
}

interface Header {
  list: boolean;
  /** Offset of the payload. */
  start: number;
  /** Offset just past the payload. */
  end: number;
}

function readHeader(bytes: Uint8Array, pos: number, limit: number): Header {
  if (pos >= limit) fail(RlpErrorCode.Truncated, "expected an item, found the end of input", pos);
  const b = bytes[pos]!;
  let header: Header;
  if (b < 0x80) {
    header = { list: false, start: pos, end: pos + 1 };
  } else if (b < 0xb8) {
    const len = b - 0x80;
    header = { list: false, start: pos + 1, end: pos + 1 + len };
    if (len === 1 && header.end <= limit && bytes[pos + 1]! < 0x80) {
      fail(RlpErrorCode.NonCanonicalSize, "single byte below 0x80 wrapped in a string header", pos);
    }
  } else if (b < 0xc0) {
    const lenOfLen = b - 0xb7;
    const len = readLength(bytes, pos + 1, lenOfLen);
    header = { list: false, start: pos + 1 + lenOfLen, end: pos + 1 + lenOfLen + len };
  } else if (b < 0xf8) {
    header = { list: true, start: pos + 1, end: pos + 1 + (b - 0xc0) };
  } else {
    const lenOfLen = b - 0xf7;
    const len = readLength(bytes, pos + 1, lenOfLen);
    header = { list: true, start: pos + 1 + lenOfLen, end: pos + 1 + lenOfLen + len };
  }
  if (header.end > limit)
    fail(RlpErrorCode.Truncated, "declared length runs past the end of its container", pos);
  return header;
}

function decodeAt(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  depth: number,
): { item: RlpItem; end: number } {
  const h = readHeader(bytes, pos, limit);
  if (!h.list) return { item: bytes.subarray(h.start, h.end), end: h.end };
  if (depth >= RLP_MAX_DEPTH) fail(RlpErrorCode.TooDeep, `lists nested deeper than ${RLP_MAX_DEPTH}`, pos);
  const items: RlpItem[] = [];
  let p = h.start;
  while (p < h.end) {
    const child = decodeAt(bytes, p, h.end, depth + 1);
    items.push(child.item);
    p = child.end;
  }
  return { item: items, end: h.end };
}

/** Decodes exactly one item; bytes after it are an error. */
export function rlpDecode(bytes: Uint8Array): RlpItem {
  const { item, end } = decodeAt(bytes, 0, bytes.length, 0);
  if (end !== bytes.length)
    fail(RlpErrorCode.TrailingBytes, `${bytes.length - end} bytes after the item`, end);
  return item;
}

/** Decodes one item starting at `offset` and reports where it ended; what follows is the caller's. */
export function rlpDecodeFirst(bytes: Uint8Array, offset = 0): { item: RlpItem; end: number } {
  return decodeAt(bytes, offset, bytes.length, 0);
}
