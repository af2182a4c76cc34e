import { ThetaError } from "@theta/core-types";
import { isScalar, parseDocument, visit } from "yaml";
import { CONFIG_KEYS, type ConfigKey, type KeySpec, type NodeConfig } from "./keys.ts";

/** Stable codes of config errors. */
export const ConfigErrorCode = {
  BadYaml: "CONFIG_BAD_YAML",
  Invalid: "CONFIG_INVALID",
} as const;

/** One of the config error codes. */
export type ConfigErrorCode = (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode];

/** Where config values come from; later sources win (defaults < YAML < environment). */
export interface ConfigSources {
  /** The text of config.yaml and the path to name in messages. */
  readonly yaml?: { readonly text: string; readonly file: string };
  /** Environment variables; only `THETA_<KEY>` names of known keys are read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const ALL_KEYS = Object.keys(CONFIG_KEYS) as ConfigKey[];
const BY_LOWER: ReadonlyMap<string, ConfigKey> = new Map(ALL_KEYS.map((k) => [k.toLowerCase(), k]));
const SECTIONS: ReadonlySet<string> = new Set(ALL_KEYS.map((k) => k.slice(0, k.indexOf(".")).toLowerCase()));

/** The environment variable that overrides `key`: `THETA_` + key upper-cased, dots → underscores. */
export function envNameOf(key: ConfigKey): string {
  return `THETA_${key.toUpperCase().replaceAll(".", "_")}`;
}

interface Raw {
  readonly value: unknown;
  readonly origin: string;
}

/**
 * Builds the validated configuration. YAML may nest sections (`rpc: { port: 1 }`) or use dotted
 * keys (`rpc.port: 1`), or mix both; keys match case-insensitively, as viper does. A null value
 * means "not set". Every unknown key and every bad value is reported (all at once) in one
 * ThetaError `CONFIG_INVALID` whose message names each key and what was expected.
 */
export function loadConfig(sources: ConfigSources): NodeConfig {
  const raw = new Map<ConfigKey, Raw>();
  const problems: string[] = [];
  if (sources.yaml !== undefined) collectYaml(sources.yaml.text, sources.yaml.file, raw, problems);
  for (const key of ALL_KEYS) {
    const name = envNameOf(key);
    const value = sources.env?.[name];
    if (value !== undefined) raw.set(key, { value, origin: `environment variable ${name}` });
  }
  const out: Record<string, unknown> = {};
  for (const key of ALL_KEYS) {
    const spec: KeySpec<unknown> = CONFIG_KEYS[key];
    const given = raw.get(key);
    if (given === undefined) {
      out[key] = spec.default;
      continue;
    }
    const parsed = spec.kind.schema.safeParse(given.value);
    if (parsed.success) out[key] = parsed.data;
    else
      problems.push(
        `config key "${key}" (${given.origin}): expected ${spec.kind.expected}, got ${show(given.value)}`,
      );
  }
  if (problems.length > 0) {
    throw new ThetaError(ConfigErrorCode.Invalid, problems.join("\n"), { details: { problems } });
  }
  return Object.freeze(out) as NodeConfig;
}

function collectYaml(text: string, file: string, raw: Map<ConfigKey, Raw>, problems: string[]): void {
  let doc: unknown;
  try {
    doc = parseYamlKeepingNumberText(text);
  } catch (e) {
    throw new ThetaError(ConfigErrorCode.BadYaml, `${file} is not valid YAML: ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (doc === null || doc === undefined) return;
  if (!isMap(doc)) {
    throw new ThetaError(
      ConfigErrorCode.BadYaml,
      `${file}: expected a mapping of config keys at the top level`,
    );
  }
  const walk = (node: Record<string, unknown>, prefix: string): void => {
    for (const [name, value] of Object.entries(node)) {
      const path = prefix === "" ? name : `${prefix}.${name}`;
      const known = BY_LOWER.get(path.toLowerCase());
      if (known !== undefined) {
        if (value === null) continue;
        if (raw.has(known)) problems.push(`config key "${known}" (${file}) is given twice (as "${path}")`);
        else raw.set(known, { value, origin: file });
      } else if (isMap(value)) {
        walk(value, path);
      } else if (SECTIONS.has(path.toLowerCase())) {
        if (value !== null)
          problems.push(`config key "${path}" (${file}): expected a mapping of ${path}.* keys`);
      } else {
        problems.push(`config key "${path}" (${file}) is not a known key${suggest(path)}`);
      }
    }
  };
  walk(doc, "");
}

/**
 * Parses YAML, but keeps plain numeric scalars as their source text: YAML 1.2 would read an
 * unquoted `0x45c5…` hash as a (lossy) hex integer and large integers as floats. Each key's
 * value kind then parses the text itself.
 */
function parseYamlKeepingNumberText(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw doc.errors[0];
  visit(doc, {
    Scalar(_key, node) {
      if (
        isScalar(node) &&
        node.type === "PLAIN" &&
        typeof node.value === "number" &&
        node.source !== undefined
      ) {
        node.value = node.source;
      }
    },
  });
  return doc.toJS({ maxAliasCount: 100 });
}

function suggest(path: string): string {
  const section = path.split(".")[0]?.toLowerCase() ?? "";
  if (!SECTIONS.has(section)) return `; known sections: ${[...SECTIONS].join(", ")}`;
  const keys = ALL_KEYS.filter((k) => k.toLowerCase().startsWith(`${section}.`));
  return `; known ${section}.* keys: ${keys.join(", ")}`;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function show(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s;
}
