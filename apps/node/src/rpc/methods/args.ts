/**
 * zod schemas for the argument members of the `theta.*` methods, decoding as the reference's Go
 * structs do (docs/interfaces.md §1.2–1.3): absent members take the zero value, unknown members are
 * ignored, `null` leaves a plain string or bool at its zero value, and each typed member checks
 * its JSON type strictly.
 */
import { hexToBytes } from "@theta/core-types";
import { z } from "zod";

const UINT64_LIMIT = 2n ** 64n;

/**
 * `common.JSONUint64`: a decimal string (a bare number is refused with the reference's text
 * "Uint64 must be formatted as string"); absent means 0.
 */
export const uint64Arg = z
  .string({ error: "Uint64 must be formatted as string" })
  .regex(/^[0-9]+$/, "expected a decimal string of digits")
  .transform((s) => BigInt(s))
  .refine((v) => v < UINT64_LIMIT, "expected a value below 2^64")
  .optional()
  .transform((v) => v ?? 0n);

/** A plain Go `uint64` (the backup methods): a JSON number; absent or null means 0. */
export const plainUint64Arg = z
  .number({ error: "expected a non-negative integer JSON number" })
  .int("expected a non-negative integer JSON number")
  .nonnegative("expected a non-negative integer JSON number")
  .max(Number.MAX_SAFE_INTEGER, "expected an integer at most 2^53 - 1")
  .nullish()
  .transform((v) => BigInt(v ?? 0));

/** A plain Go `string`: absent or null means "". */
export const stringArg = z
  .string({ error: "expected a JSON string" })
  .nullish()
  .transform((v) => v ?? "");

/** A plain Go `bool`: absent or null means false. */
export const boolArg = z
  .boolean({ error: "expected true or false" })
  .nullish()
  .transform((v) => v ?? false);

/**
 * A Go fixed-size hex type (`common.Hash`, `common.Address`): `0x` and exactly `2 * length` hex
 * digits (either case); absent or null means all zeros, which the methods treat as "not
 * specified". Error texts follow Go's hexutil.
 */
function fixedHexArg(length: number, typeName: string) {
  const digits = length * 2;
  return z
    .string({ error: "expected a 0x-prefixed hex string" })
    .superRefine((s, ctx) => {
      if (s === "") {
        ctx.addIssue({ code: "custom", message: `hex string has length 0, want ${digits} for ${typeName}` });
      } else if (!(s.startsWith("0x") || s.startsWith("0X"))) {
        ctx.addIssue({ code: "custom", message: "hex string without 0x prefix" });
      } else if (s.length - 2 !== digits) {
        ctx.addIssue({
          code: "custom",
          message: `hex string has length ${s.length - 2}, want ${digits} for ${typeName}`,
        });
      } else if (!/^[0-9a-fA-F]*$/.test(s.slice(2))) {
        ctx.addIssue({ code: "custom", message: "invalid hex string" });
      }
    })
    .nullish()
    .transform((s) => (s == null ? new Uint8Array(length) : hexToBytes(s.slice(2))));
}

/** `common.Hash`: `0x` + 64 hex digits; absent means the zero hash. */
export const hashArg = fixedHexArg(32, "common.Hash");

/** `common.Address` (typed address members): `0x` + 40 hex digits; absent means the zero address. */
export const addressArg = fixedHexArg(20, "common.Address");
