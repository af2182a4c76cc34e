/**
 * Hex decoding with the error texts of Go's `encoding/hex`, which the reference sends back
 * verbatim for bad `tx_bytes` / `sctx_bytes` (docs/interfaces.md §1.4 methods 23–27).
 */
import { RpcError, RpcErrorCode } from "../rpcError.ts";

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Go's `%#U` of one byte taken as a rune: `U+0067 'g'`, or just `U+0000` when unprintable. */
function runeText(b: number): string {
  const code = `U+${b.toString(16).toUpperCase().padStart(4, "0")}`;
  const printable = (b >= 0x20 && b < 0x7f) || b >= 0xa1;
  return printable && b !== 0xad ? `${code} '${String.fromCharCode(b)}'` : code;
}

/**
 * Decodes hex exactly as Go's `hex.DecodeString` on the UTF-8 bytes of `text`: the first bad
 * character in a complete pair wins (`encoding/hex: invalid byte: U+0067 'g'`), then an odd
 * length (`encoding/hex: odd length hex string`). Throws RpcError -32000 with that text.
 */
export function decodeGoHex(text: string): Uint8Array {
  const src = new TextEncoder().encode(text);
  const out = new Uint8Array(src.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const a = src[2 * i]!;
    const b = src[2 * i + 1]!;
    const hi = nibble(a);
    if (hi < 0) throw invalidByte(a);
    const lo = nibble(b);
    if (lo < 0) throw invalidByte(b);
    out[i] = (hi << 4) | lo;
  }
  if (src.length % 2 === 1) {
    const last = src[src.length - 1]!;
    if (nibble(last) < 0) throw invalidByte(last);
    throw new RpcError(RpcErrorCode.HandlerError, "encoding/hex: odd length hex string");
  }
  return out;
}

/** As {@link decodeGoHex} after dropping one leading `0x` / `0X` (the broadcast methods). */
export function decodeGoHexPrefixed(text: string): Uint8Array {
  return decodeGoHex(text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text);
}

function invalidByte(b: number): RpcError {
  return new RpcError(RpcErrorCode.HandlerError, `encoding/hex: invalid byte: ${runeText(b)}`);
}
