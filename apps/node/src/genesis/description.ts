/**
 * The genesis description that `theta genesis` reads (JSON or YAML): chain id, block timestamp,
 * balances, validator, guardian and elite-edge-node stakes, amounts as decimal wei strings (numbers are
 * accepted when they are safe integers, so a hand-written YAML file stays readable).
 */
import { ThetaError } from "@theta/core-types";
import type { GenesisDescription } from "@theta/ledger";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** Stable codes of genesis-description failures. */
export const GenesisErrorCode = {
  BadDescription: "GENESIS_BAD_DESCRIPTION",
  BadSyntax: "GENESIS_BAD_SYNTAX",
  BadGuardianPop: "GENESIS_BAD_GUARDIAN_POP",
  BadEenPop: "GENESIS_BAD_EEN_POP",
} as const;

const wei = z.union([
  z.string().regex(/^(0|[1-9][0-9]*)$/, "a non-negative decimal integer string"),
  z
    .number()
    .int()
    .nonnegative()
    .refine((n) => Number.isSafeInteger(n), "a safe integer (write larger amounts as strings)")
    .transform((n) => String(n)),
]);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, '"0x" followed by 40 hex digits');
const blsPubkey = z.string().regex(/^0x[0-9a-fA-F]{96}$/, '"0x" followed by 96 hex digits (48 bytes)');
const blsPop = z.string().regex(/^0x[0-9a-fA-F]{192}$/, '"0x" followed by 192 hex digits (96 bytes)');

const schema = z
  .object({
    chainId: z.string().min(1).max(64),
    /** Unix seconds of the genesis header; default 0. */
    timestamp: z.union([z.number().int().nonnegative(), z.string().regex(/^[0-9]+$/)]).optional(),
    balances: z.array(z.object({ address, thetaWei: wei, tfuelWei: wei }).strict()).default([]),
    validatorStakes: z
      .array(z.object({ source: address, holder: address, thetaWei: wei }).strict())
      .default([]),
    guardianStakes: z
      .array(
        z
          .object({ source: address, holder: address, thetaWei: wei, blsPubkey, blsPop: blsPop.optional() })
          .strict(),
      )
      .default([]),
    eliteEdgeNodeStakes: z
      .array(
        z
          .object({ source: address, holder: address, tfuelWei: wei, blsPubkey, blsPop: blsPop.optional() })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** One guardian stake at genesis (the staked THETA is not in the source's balance). */
export interface GenesisGuardianStake {
  readonly source: string;
  readonly holder: string;
  readonly thetaWei: string;
  /** `0x` + the 48-byte compressed BLS G1 public key. */
  readonly blsPubkey: string;
  /**
   * `0x` + the 96-byte BLS proof of possession of `blsPubkey` (`theta key info` prints it).
   * `theta genesis` refuses a guardian without a valid one; the snapshot writer does not look at it.
   */
  readonly blsPop?: string;
}

/**
 * One elite-edge-node stake at genesis (TFuel, docs/ledger.md §2.10; the staked TFuel is not in the
 * source's balance), with the holder's BLS key and proof of possession as for a guardian.
 */
export interface GenesisEenStake {
  readonly source: string;
  readonly holder: string;
  readonly tfuelWei: string;
  readonly blsPubkey: string;
  readonly blsPop?: string;
}

/** A parsed genesis description: the ledger's description plus the header fields, guardians and EENs. */
export interface GenesisFile extends GenesisDescription {
  readonly chainId: string;
  readonly timestamp: bigint;
  readonly guardianStakes: readonly GenesisGuardianStake[];
  /** Absent means none. */
  readonly eliteEdgeNodeStakes?: readonly GenesisEenStake[];
}

/** Validates a description object; every problem is reported, each naming its field. */
export function parseGenesisDescription(value: unknown, source = "genesis description"): GenesisFile {
  const r = schema.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ThetaError(GenesisErrorCode.BadDescription, `${source}: ${lines.join("; ")}`, {
      details: { source, issues: lines },
    });
  }
  const d = r.data;
  return {
    chainId: d.chainId,
    timestamp: BigInt(d.timestamp ?? 0),
    balances: d.balances,
    validatorStakes: d.validatorStakes,
    guardianStakes: d.guardianStakes.map((g) =>
      g.blsPop === undefined
        ? { source: g.source, holder: g.holder, thetaWei: g.thetaWei, blsPubkey: g.blsPubkey }
        : { ...g, blsPop: g.blsPop },
    ),
    eliteEdgeNodeStakes: d.eliteEdgeNodeStakes.map((e) =>
      e.blsPop === undefined
        ? { source: e.source, holder: e.holder, tfuelWei: e.tfuelWei, blsPubkey: e.blsPubkey }
        : { ...e, blsPop: e.blsPop },
    ),
  };
}

/** Parses the text of a `.json`, `.yaml` or `.yml` description (decided by the file name). */
export function parseGenesisText(text: string, fileName: string): GenesisFile {
  let value: unknown;
  try {
    value = /\.json$/i.test(fileName) ? JSON.parse(text) : parseYaml(text, { logLevel: "error" });
  } catch (e) {
    throw new ThetaError(
      GenesisErrorCode.BadSyntax,
      `${fileName}: expected a JSON or YAML genesis description: ${(e as Error).message}`,
      { cause: e },
    );
  }
  return parseGenesisDescription(value, fileName);
}
