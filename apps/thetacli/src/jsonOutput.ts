/**
 * thetacli prints the node's result re-serialised with keys sorted at every level and 4-space
 * indentation (docs/interfaces.md §2.1). Numbers keep their exact text (no float rounding), so the
 * JSON is parsed here into a small tree that preserves it.
 */
import { ThetaError } from "@theta/core-types";

export type JsonNode =
  | { readonly t: "num"; readonly raw: string }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "lit"; readonly v: true | false | null }
  | { readonly t: "arr"; readonly v: JsonNode[] }
  | { readonly t: "obj"; readonly v: Array<[string, JsonNode]> };

export const JsonErrorCode = { Invalid: "CLI_INVALID_JSON" } as const;

/** Deepest nesting accepted (far beyond any node result; keeps hostile input off the stack limit). */
const MAX_DEPTH = 512;

/** Parses JSON text into a tree that keeps numbers' exact digits; throws a ThetaError on bad input. */
export function parseJsonLossless(text: string): JsonNode {
  let i = 0;
  let depth = 0;
  const fail = (what: string): never => {
    throw new ThetaError(JsonErrorCode.Invalid, `invalid JSON from the node: ${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const value = (): JsonNode => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    depth++;
    try {
      return item();
    } finally {
      depth--;
    }
  };
  const item = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const v: Array<[string, JsonNode]> = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { t: "obj", v };
      }
      for (;;) {
        ws();
        const k = value();
        if (k.t !== "str") fail("expected a key");
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        v.push([(k as { v: string }).v, value()]);
        ws();
        const d = text[i++];
        if (d === "}") return { t: "obj", v };
        if (d !== ",") fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const v: JsonNode[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { t: "arr", v };
      }
      for (;;) {
        v.push(value());
        ws();
        const d = text[i++];
        if (d === "]") return { t: "arr", v };
        if (d !== ",") fail("expected ',' or ']'");
      }
    }
    if (c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      if (i >= text.length) fail("unterminated string");
      i++;
      let v: string;
      try {
        v = JSON.parse(text.slice(start, i)) as string;
      } catch {
        return fail("bad string escape or control character");
      }
      return { t: "str", v };
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      i += m[0].length;
      return { t: "num", raw: m[0] };
    }
    for (const [word, lit] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { t: "lit", v: lit };
      }
    }
    return fail("unexpected character");
  };
  const out = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return out;
}

/** Keys sorted (byte order, as Go's encoding/json sorts map keys), 4-space indentation. */
export function formatSorted(node: JsonNode, indent = ""): string {
  const inner = `${indent}    `;
  switch (node.t) {
    case "num":
      return node.raw;
    case "str":
      return JSON.stringify(node.v);
    case "lit":
      return String(node.v);
    case "arr":
      return node.v.length === 0
        ? "[]"
        : `[\n${node.v.map((x) => inner + formatSorted(x, inner)).join(",\n")}\n${indent}]`;
    case "obj": {
      if (node.v.length === 0) return "{}";
      const entries = [...node.v].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatSorted(v, inner)}`).join(",\n")}\n${indent}}`;
    }
  }
}
