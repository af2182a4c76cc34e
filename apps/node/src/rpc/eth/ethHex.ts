/** Ethereum JSON-RPC value encodings: quantities (`0x` hex, no leading zeros) and data (`0x` + bytes). */
import { bytesToHex } from "@theta/core-types";

/** A quantity: `0x0`, `0x1f`, never leading zeros. */
export const quantity = (v: bigint | number): string => `0x${v.toString(16)}`;

/** Unformatted data: `0x` + lowercase hex of every byte. */
export const data = (bytes: Uint8Array): string => `0x${bytesToHex(bytes)}`;

/** A big-endian byte string read as an unsigned integer. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** The larger of two bigints. */
export const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** The smaller of two bigints. */
export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
