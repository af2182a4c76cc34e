/**
 * JSON value encodings of the RPC (docs/interfaces.md §1.3): decimal strings for amounts and uint64
 * fields, lowercase `0x` hex for addresses, hashes and signatures, base64 for `common.Bytes`.
 */
import * as z from "zod/mini";
import { bytesToPrefixedHex, hexToBytes } from "../bytes.ts";

/** `schema`, then `fn` on its output (zod/mini's pipe into a transform). */
export const mapped = <S extends z.ZodMiniType, O>(schema: S, fn: (value: z.output<S>) => O) =>
  z.pipe(schema, z.transform(fn));
const pattern = (re: RegExp, message: string) => z.string().check(z.regex(re, message));

/** A non-negative decimal integer written as a string, parsed to a bigint. */
export const decimalString = mapped(
  pattern(/^(0|[1-9][0-9]*)$/, "expected a decimal string (numbers are strings in Theta's JSON)"),
  (s) => BigInt(s),
);
/** A decimal string that fits a uint64. */
export const uint64String = decimalString.check(z.refine<bigint>((v) => v < 2n ** 64n, "expected a uint64"));
/** A `0x` address of 20 bytes, parsed to its bytes. */
export const addressHex = mapped(
  pattern(/^0x[0-9a-fA-F]{40}$/, "expected 0x followed by 40 hex digits"),
  (s) => hexToBytes(s),
);
/** A `0x` hash of 32 bytes, parsed to its bytes. */
export const hashHex = mapped(pattern(/^0x[0-9a-fA-F]{64}$/, "expected 0x followed by 64 hex digits"), (s) =>
  hexToBytes(s),
);
/** Hex bytes of any length, `0x` optional, parsed to their bytes. */
export const hexBytes = mapped(pattern(/^(0x)?([0-9a-fA-F]{2})*$/, "expected hex bytes"), (s) =>
  hexToBytes(s),
);
/** Padded base64, parsed to its bytes (Go's JSON form of `[]byte`). */
export const base64Bytes = mapped(
  pattern(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, "expected padded base64"),
  (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)),
);
export const smallNumber = z.number().check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER));

export const hex = (b: Uint8Array): string => bytesToPrefixedHex(b);
export const dec = (v: bigint): string => v.toString(10);
/** Go marshals a nil signature pointer as null. */
export const sigHex = (b: Uint8Array): string | null => (b.length === 0 ? null : hex(b));
export const base64 = (b: Uint8Array): string => {
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
};
