/**
 * Byte helpers shared by every package: hex conversion with clear errors, concatenation and
 * comparison. Bytes are always `Uint8Array`; hex text is lowercase without a prefix unless a
 * function says otherwise.
 */
import { ThetaError } from "./errors.ts";

/** Stable codes of the byte and hex helpers' errors. */
export const BytesErrorCode = {
  InvalidHex: "BYTES_INVALID_HEX",
  WrongLength: "BYTES_WRONG_LENGTH",
} as const;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const HEX_HI = Uint8Array.from(HEX, (h) => h.charCodeAt(0));
const HEX_LO = Uint8Array.from(HEX, (h) => h.charCodeAt(1));
// ASCII digits decode the same under any single-byte label; one decode yields a flat string.
const asciiDecoder = new TextDecoder("latin1");

/** Lowercase hex of `bytes`, without `0x`. */
export function bytesToHex(bytes: Uint8Array): string {
  if (bytes.length < 16) {
    // Short inputs: concatenation beats allocating a buffer.
    let out = "";
    for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
    return out;
  }
  // Hashes and longer: one flat string (map keys hash it without flattening a 32-deep rope).
  const codes = new Uint8Array(bytes.length * 2);
  for (let i = 0, j = 0; i < bytes.length; i++, j += 2) {
    const v = bytes[i]!;
    codes[j] = HEX_HI[v]!;
    codes[j + 1] = HEX_LO[v]!;
  }
  return asciiDecoder.decode(codes);
}

/** `0x` + lowercase hex. */
export function bytesToPrefixedHex(bytes: Uint8Array): string {
  return `0x${bytesToHex(bytes)}`;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/**
 * Parses hex text (an optional `0x`/`0X` prefix, either case, even length).
 * @param field names the value in the error message.
 */
export function hexToBytes(hex: string, field = "hex"): Uint8Array {
  const body = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (body.length % 2 !== 0) {
    throw new ThetaError(
      BytesErrorCode.InvalidHex,
      `${field}: expected an even number of hex digits, got ${body.length}`,
      {
        details: { field },
      },
    );
  }
  const out = new Uint8Array(body.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(body.charCodeAt(2 * i));
    const lo = nibble(body.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      throw new ThetaError(
        BytesErrorCode.InvalidHex,
        `${field}: expected hex digits, found '${body.slice(2 * i, 2 * i + 2)}' at offset ${2 * i}`,
        {
          details: { field },
        },
      );
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Parses hex text that must decode to exactly `length` bytes. */
export function hexToFixedBytes(hex: string, length: number, field = "hex"): Uint8Array {
  const out = hexToBytes(hex, field);
  if (out.length !== length) {
    throw new ThetaError(
      BytesErrorCode.WrongLength,
      `${field}: expected ${length} bytes, got ${out.length}`,
      {
        details: { field, expected: length, actual: out.length },
      },
    );
  }
  return out;
}

/** The bytes of `parts`, one after the other, in a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Whether `a` and `b` hold the same bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic comparison (shorter prefix first): negative, zero or positive. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** UTF-8 encoding of a string. */
const utf8Encoder = new TextEncoder();

/** The UTF-8 encoding of `text`. */
export function utf8ToBytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** UTF-8 decoding (invalid sequences become U+FFFD, as Go's string conversion keeps bytes). */
export function bytesToUtf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
