/**
 * Canonical RLP encoding. Two passes: the first measures every list's payload (pre-order), the
 * second writes into one buffer of the exact size, so nothing is concatenated twice.
 */
import { hexToBytes } from "../bytes.ts";
import { ThetaError } from "../errors.ts";
import { RlpErrorCode } from "./errors.ts";
import type { RlpItem } from "./item.ts";

function byteLength(n: number): number {
  let len = 0;
  while (n > 0) {
    len++;
    n = Math.floor(n / 256);
  }
  return len;
}

function headerLength(payload: number): number {
  return payload < 56 ? 1 : 1 + byteLength(payload);
}

function measure(item: RlpItem, sizes: number[]): number {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0]! < 0x80) return 1;
    return headerLength(item.length) + item.length;
  }
  const slot = sizes.length;
  sizes.push(0);
  let payload = 0;
  for (const child of item) payload += measure(child, sizes);
  sizes[slot] = payload;
  return headerLength(payload) + payload;
}

function writeHeader(buf: Uint8Array, pos: number, payload: number, shortBase: number): number {
  if (payload < 56) {
    buf[pos] = shortBase + payload;
    return pos + 1;
  }
  const len = byteLength(payload);
  buf[pos] = shortBase + 55 + len;
  for (let i = len; i >= 1; i--) {
    buf[pos + i] = payload % 256;
    payload = Math.floor(payload / 256);
  }
  return pos + 1 + len;
}

interface Cursor {
  slot: number;
}

function write(
  item: RlpItem,
  buf: Uint8Array,
  pos: number,
  sizes: readonly number[],
  cursor: Cursor,
): number {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0]! < 0x80) {
      buf[pos] = item[0]!;
      return pos + 1;
    }
    pos = writeHeader(buf, pos, item.length, 0x80);
    buf.set(item, pos);
    return pos + item.length;
  }
  const payload = sizes[cursor.slot++]!;
  pos = writeHeader(buf, pos, payload, 0xc0);
  for (const child of item) pos = write(child, buf, pos, sizes, cursor);
  return pos;
}

/** Encodes an item canonically (shortest length prefixes, single bytes below 0x80 bare). */
export function rlpEncode(item: RlpItem): Uint8Array {
  const sizes: number[] = [];
  const total = measure(item, sizes);
  const buf = new Uint8Array(total);
  write(item, buf, 0, sizes, { slot: 0 });
  return buf;
}

/**
 * The canonical big-endian bytes of a non-negative integer: no leading zeros, zero is empty
 * (so it encodes as 0x80, as Go's rlp does for unsigned integers and big.Int).
 */
export function encodeUint(value: bigint | number): Uint8Array {
  if (typeof value === "number" ? value < 0 || !Number.isSafeInteger(value) : value < 0n) {
    throw new ThetaError(
      RlpErrorCode.Unencodable,
      `cannot RLP-encode ${value}: expected a non-negative integer`,
    );
  }
  // Fast path: most values (sequences, heights, small amounts) fit in a double exactly.
  if (typeof value === "number" || value <= 0x1fffffffffffffn) {
    let n = Number(value);
    if (n === 0) return new Uint8Array(0);
    let len = 0;
    for (let t = n; t > 0; t = Math.floor(t / 256)) len++;
    const out = new Uint8Array(len);
    for (let i = len - 1; i >= 0; i--) {
      out[i] = n % 256;
      n = Math.floor(n / 256);
    }
    return out;
  }
  // Larger values (wei amounts): through the hex string, without a BigInt operation per byte.
  const hex = value.toString(16);
  return hexToBytes(hex.length % 2 === 0 ? hex : `0${hex}`);
}

/** Go's rlp encoding of a bool: true is 0x01, false the empty string. */
export function encodeBool(value: boolean): Uint8Array {
  return value ? Uint8Array.of(1) : new Uint8Array(0);
}

const textEncoder = new TextEncoder();

/** A Go string: its UTF-8 bytes as an RLP string. */
export function encodeString(value: string): Uint8Array {
  return textEncoder.encode(value);
}
