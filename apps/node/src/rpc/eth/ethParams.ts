/**
 * zod schemas for Ethereum JSON-RPC arguments, strict as geth's decoders: quantities are `0x` hex
 * without leading zeros, data is `0x` + an even number of hex digits, addresses 20 bytes and
 * hashes 32. Messages name what was expected; the registry prefixes the argument's position and name.
 */
import { hexToBytes } from "@theta/core-types";
import { z } from "zod";

const HEX = /^0x[0-9a-fA-F]*$/;

/** A quantity (`0x` hex, no leading zeros, at most 256 bits). */
export const quantityArg = z
  .string({ error: "expected a 0x-prefixed hex quantity" })
  .superRefine((s, ctx) => {
    if (!s.startsWith("0x")) ctx.addIssue({ code: "custom", message: "hex string without 0x prefix" });
    else if (s.length === 2) ctx.addIssue({ code: "custom", message: 'hex string "0x"' });
    else if (!HEX.test(s)) ctx.addIssue({ code: "custom", message: "invalid hex string" });
    else if (s.length > 3 && s[2] === "0")
      ctx.addIssue({ code: "custom", message: "hex number with leading zero digits" });
    else if (s.length > 66) ctx.addIssue({ code: "custom", message: "hex number > 256 bits" });
  })
  .transform((s) => BigInt(s));

/** A quantity that also accepts a JSON number (some clients send `"gas": 21000`). */
export const looseQuantityArg = z.union([
  quantityArg,
  z
    .number()
    .int()
    .nonnegative()
    .max(Number.MAX_SAFE_INTEGER)
    .transform((n) => BigInt(n)),
]);

function fixedBytes(length: number, what: string) {
  return z
    .string({ error: `expected ${what} as 0x-prefixed hex (${length} bytes)` })
    .superRefine((s, ctx) => {
      if (!(s.startsWith("0x") || s.startsWith("0X")))
        ctx.addIssue({ code: "custom", message: "hex string without 0x prefix" });
      else if (!/^0[xX][0-9a-fA-F]*$/.test(s))
        ctx.addIssue({ code: "custom", message: "invalid hex string" });
      else if (s.length - 2 !== length * 2)
        ctx.addIssue({
          code: "custom",
          message: `hex string has length ${s.length - 2}, want ${length * 2} for ${what}`,
        });
    })
    .transform((s) => hexToBytes(s));
}

/** A 20-byte address, any case. */
export const addressArg = fixedBytes(20, "an address");

/** A 32-byte hash. */
export const hash32Arg = fixedBytes(32, "a hash");

/** Unformatted data: `0x` and an even number of hex digits (may be empty). */
export const dataArg = z
  .string({ error: "expected 0x-prefixed hex data" })
  .superRefine((s, ctx) => {
    if (!(s.startsWith("0x") || s.startsWith("0X")))
      ctx.addIssue({ code: "custom", message: "hex string without 0x prefix" });
    else if (!/^0[xX][0-9a-fA-F]*$/.test(s)) ctx.addIssue({ code: "custom", message: "invalid hex string" });
    else if (s.length % 2 !== 0) ctx.addIssue({ code: "custom", message: "hex string of odd length" });
  })
  .transform((s) => hexToBytes(s));

/** A block tag or number, or an EIP-1898 object. */
export type BlockSpec =
  | { readonly kind: "tag"; readonly tag: "latest" | "safe" | "finalized" | "pending" | "earliest" }
  | { readonly kind: "number"; readonly number: bigint }
  | { readonly kind: "hash"; readonly hash: Uint8Array; readonly requireCanonical: boolean };

const TAGS = new Set(["latest", "safe", "finalized", "pending", "earliest"]);

/** `"latest"` … `"earliest"`, a quantity, or `{blockNumber}` / `{blockHash, requireCanonical}`. */
export const blockSpecArg: z.ZodType<BlockSpec, unknown> = z.union([
  z
    .string({ error: "expected a block tag, a 0x block number or an EIP-1898 object" })
    .refine((s) => TAGS.has(s) || s.startsWith("0x"), {
      message: 'expected "latest", "safe", "finalized", "pending", "earliest" or a 0x block number',
    })
    .pipe(
      z.union([
        z
          .enum(["latest", "safe", "finalized", "pending", "earliest"])
          .transform((tag): BlockSpec => ({ kind: "tag", tag })),
        quantityArg.transform((number): BlockSpec => ({ kind: "number", number })),
      ]),
    ),
  z
    .object({
      blockNumber: z.union([quantityArg, z.enum(["latest", "safe", "finalized", "pending", "earliest"])]),
    })
    .strict()
    .transform(
      ({ blockNumber }): BlockSpec =>
        typeof blockNumber === "bigint"
          ? { kind: "number", number: blockNumber }
          : { kind: "tag", tag: blockNumber },
    ),
  z
    .object({ blockHash: hash32Arg, requireCanonical: z.boolean().optional() })
    .strict()
    .transform(
      ({ blockHash, requireCanonical }): BlockSpec => ({
        kind: "hash",
        hash: blockHash,
        requireCanonical: requireCanonical ?? false,
      }),
    ),
]);

/** An optional block argument, `latest` when absent or null. */
export const optionalBlockArg = blockSpecArg
  .nullish()
  .transform((b): BlockSpec => b ?? { kind: "tag", tag: "latest" });

/** A call object (`eth_call`, `eth_estimateGas`): unknown members are ignored, as geth does. */
export const callObjectArg = z
  .object({
    from: addressArg.nullish(),
    to: addressArg.nullish(),
    gas: looseQuantityArg.nullish(),
    gasPrice: looseQuantityArg.nullish(),
    maxFeePerGas: looseQuantityArg.nullish(),
    maxPriorityFeePerGas: looseQuantityArg.nullish(),
    value: looseQuantityArg.nullish(),
    data: dataArg.nullish(),
    input: dataArg.nullish(),
    nonce: looseQuantityArg.nullish(),
  })
  .refine((o) => o.data == null || o.input == null || o.data.length === o.input.length, {
    message: 'both "data" and "input" are set and not equal',
  });

/** The decoded call object. */
export type CallObject = z.output<typeof callObjectArg>;

const topicArg = z.union([hash32Arg, z.null(), z.array(z.union([hash32Arg, z.null()])).max(16)]);

/** A log filter (`eth_getLogs`, `eth_newFilter`, the `logs` subscription). */
export const logFilterArg = z.object({
  fromBlock: blockSpecArg.nullish(),
  toBlock: blockSpecArg.nullish(),
  blockHash: hash32Arg.nullish(),
  address: z.union([addressArg, z.array(addressArg).max(1024)]).nullish(),
  topics: z.array(topicArg).max(4, "at most 4 topic positions").nullish(),
});

/** The decoded log filter. */
export type LogFilterArg = z.output<typeof logFilterArg>;
