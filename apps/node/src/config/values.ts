import { z } from "zod";

/**
 * Value schemas for config keys. Config values arrive from YAML (typed) or from `THETA_*`
 * environment variables (always strings), so, like the reference's viper, numbers and booleans
 * also accept their decimal / `true`/`false` string forms. Each schema carries an `expected`
 * phrase used in error messages and the README.
 */
export interface ValueKind<T> {
  readonly schema: z.ZodType<T>;
  /** What a valid value looks like, for messages and docs. */
  readonly expected: string;
}

const INT_STRING = /^-?\d+$/;

function toNumber(v: unknown): unknown {
  return typeof v === "string" && INT_STRING.test(v.trim()) ? Number(v.trim()) : v;
}

/** An integer in [min, max]. */
export function intValue(min: number, max: number = Number.MAX_SAFE_INTEGER): ValueKind<number> {
  const expected =
    max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  return {
    expected,
    schema: z.preprocess(
      toNumber,
      z
        .number({ error: `expected ${expected}` })
        .int(`expected ${expected}`)
        .min(min, `expected ${expected}`)
        .max(max, `expected ${expected}`),
    ),
  };
}

/** One of a few integers. */
export function choiceValue<const T extends readonly number[]>(choices: T): ValueKind<T[number]> {
  const expected = `one of ${choices.join(", ")}`;
  return {
    expected,
    schema: z.preprocess(
      toNumber,
      z.number({ error: `expected ${expected}` }).refine((n) => choices.includes(n), `expected ${expected}`),
    ) as z.ZodType<T[number]>,
  };
}

/** A block height (bigint, ≥ 0). */
export function heightValue(): ValueKind<bigint> {
  const expected = "a block height (integer ≥ 0)";
  return {
    expected,
    schema: z.preprocess(
      (v) => {
        if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
        if (typeof v === "string" && /^\d+$/.test(v.trim())) return BigInt(v.trim());
        return v;
      },
      z.bigint({ error: `expected ${expected}` }).min(0n, `expected ${expected}`),
    ),
  };
}

/** true or false (also the strings "true" and "false", any case). */
export function boolValue(): ValueKind<boolean> {
  const expected = "true or false";
  return {
    expected,
    schema: z.preprocess(
      (v) => {
        if (typeof v !== "string") return v;
        const s = v.trim().toLowerCase();
        return s === "true" ? true : s === "false" ? false : v;
      },
      z.boolean({ error: `expected ${expected}` }),
    ),
  };
}

/** Any string (a YAML number is taken as its decimal text, as viper does). */
export function stringValue(): ValueKind<string> {
  const expected = "a string";
  return {
    expected,
    schema: z.preprocess(
      (v) => (typeof v === "number" ? String(v) : v),
      z.string({ error: `expected ${expected}` }),
    ),
  };
}

/** A string matching `pattern`, described by `expected`. */
export function patternValue(pattern: RegExp, expected: string): ValueKind<string> {
  return {
    expected,
    schema: z.string({ error: `expected ${expected}` }).regex(pattern, `expected ${expected}`),
  };
}
