/**
 * Go's `common.HexToAddress` / `HexToHash`, which the reference's thetacli applies to address and
 * hash flags before sending them as typed JSON members: an optional `0x`/`0X`, any case, an odd
 * length left-padded with 0, decoding stopped at the first non-hex pair (the bytes before it
 * kept), the rightmost `length` bytes kept and left-padded with zeros. The node then receives
 * `0x` + lower-case hex of exactly that length.
 */
import { bytesToHex } from "@theta/core-types";

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** `text` read as Go reads a hex flag, as `0x` + `2 * length` lower-case hex digits. */
export function goHexFlag(text: string, length: number): string {
  let body = /^0[xX]/.test(text) ? text.slice(2) : text;
  if (body.length % 2 === 1) body = `0${body}`;
  const decoded: number[] = [];
  for (let i = 0; i + 1 < body.length; i += 2) {
    const hi = nibble(body.charCodeAt(i));
    const lo = nibble(body.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) break;
    decoded.push((hi << 4) | lo);
  }
  const out = new Uint8Array(length);
  const kept = decoded.slice(Math.max(0, decoded.length - length));
  out.set(kept, length - kept.length);
  return `0x${bytesToHex(out)}`;
}
