/**
 * Go's `common.HexToAddress` / `HexToHash` semantics, which the reference applies to plain-string
 * address and hash arguments (RPC parameters, CLI flags): an optional `0x`/`0X`, any case, an odd
 * length left-padded with 0, decoding stopped at the first pair that is not hex (the bytes before
 * it kept, as Go's `FromHex` does), and the rightmost `length` bytes kept, left-padded with zeros.
 * Never throws: Go accepts any string here.
 */

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** `text` read as Go's `HexToAddress`/`HexToHash` read it, into exactly `length` bytes. */
export function goHexToBytes(text: string, length: number): Uint8Array {
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
  return out;
}
