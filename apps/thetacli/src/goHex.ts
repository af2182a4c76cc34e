/**
 * Go's `common.HexToAddress` / `HexToHash`, which the reference's thetacli applies to address and
 * hash flags before sending them as typed JSON members: an optional `0x`/`0X`, any case, an odd
 * length left-padded with 0, decoding stopped at the first non-hex pair (the bytes before it
 * kept), the rightmost `length` bytes kept and left-padded with zeros. The node then receives
 * `0x` + lower-case hex of exactly that length.
 */
import { bytesToHex, goHexToBytes } from "@theta/core-types";

/** `text` read as Go reads a hex flag, as `0x` + `2 * length` lower-case hex digits. */
export function goHexFlag(text: string, length: number): string {
  return `0x${bytesToHex(goHexToBytes(text, length))}`;
}
