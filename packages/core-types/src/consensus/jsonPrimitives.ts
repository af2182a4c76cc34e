/** JSON encodings shared by the consensus JSON forms (docs/interfaces.md §1.3). Internal. */
import * as z from "zod/mini";
import { bytesToPrefixedHex, hexToBytes } from "../bytes.ts";
import { ThetaError } from "../errors.ts";
import { ConsensusErrorCode } from "./errors.ts";

export const hashJson = z
  .string()
  .check(z.regex(/^0x[0-9a-f]{64}$/, "expected 0x + 64 lowercase hex digits"));
export const addressJson = z
  .string()
  .check(z.regex(/^0x[0-9a-f]{40}$/, "expected 0x + 40 lowercase hex digits"));
export const hexBytesJson = z.string().check(z.regex(/^0x([0-9a-fA-F]{2})*$/, "expected 0x + hex bytes"));
export const decimalJson = z.string().check(z.regex(/^(0|[1-9][0-9]*)$/, "expected a decimal string"));
export const uint64NumberJson = z.number().check(z.int(), z.nonnegative());
export const uint32NumberJson = z.number().check(z.int(), z.minimum(0), z.maximum(0xffff_ffff));
/** A BLS point marshals as `{}` in the reference (no exported fields); nil as null. */
export const blsOpaqueJson = z.nullable(z.strictObject({}));

/** `0x` + lowercase hex. */
export const hex = (b: Uint8Array): string => bytesToPrefixedHex(b);
export const fromHex = (s: string, field: string): Uint8Array => hexToBytes(s, field);

/** A uint64 written as a JSON number; values above 2^53 − 1 cannot be, and throw. */
export function toJsonNumber(v: bigint, field: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ThetaError(
      ConsensusErrorCode.Unencodable,
      `${field}: ${v} does not fit a JSON number exactly (at most 2^53 − 1)`,
      { details: { field } },
    );
  }
  return Number(v);
}
