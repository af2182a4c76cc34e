/**
 * The JSON schemas use zod/mini (tree-shakable) so that browsers embedding core-types do not
 * bundle zod's classic API; the parse helpers still print zod's English messages.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { accountFromJson, ThetaError, TxType, txFromJson, voteFromJson } from "../src/index.ts";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return e instanceof ThetaError
      ? e.message
      : ((e as { issues?: { message: string }[] }).issues?.[0]?.message ?? "");
  }
  return "no error";
};

describe("zod/mini in core-types", () => {
  it("no source file imports zod's classic API", () => {
    const classic = sources(SRC).filter((f) => /["']zod(\/v4)?["']/.test(readFileSync(f, "utf8")));
    expect(classic).toEqual([]);
  });

  it("parse helpers give zod's English messages with no locale configured", () => {
    const send = { fee: { thetawei: "0", tfuelwei: 1 }, inputs: [], outputs: [] };
    expect(messageOf(() => txFromJson(TxType.Send, send))).toBe(
      "transaction.fee.tfuelwei: Invalid input: expected string, received number",
    );
    expect(messageOf(() => accountFromJson(new Uint8Array(20), null))).toBe(
      "account: Invalid input: expected object, received null",
    );
    expect(messageOf(() => voteFromJson({ Block: 1 }))).toBe(
      "Invalid input: expected string, received number",
    );
  });
});
