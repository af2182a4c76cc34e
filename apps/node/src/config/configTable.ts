import { CONFIG_KEYS, type ConfigKey } from "./keys.ts";
import { envNameOf } from "./loadConfig.ts";

const STATUS_TEXT = {
  used: "used",
  planned: "validated; used once the chain is wired",
  accepted: "accepted for compatibility; no effect",
} as const;

function showDefault(v: unknown): string {
  if (typeof v === "string") return v === "" ? '`""`' : `\`${v}\``;
  return `\`${String(v)}\``;
}

/**
 * The README's config table, generated from {@link CONFIG_KEYS} (a test keeps the README equal
 * to this output).
 */
export function renderConfigTable(): string {
  const lines = [
    "| key | default | expected | env override | status | notes |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const spec = CONFIG_KEYS[key];
    const note = `${"ours" in spec ? "(ours) " : ""}${spec.note}`.trim().replaceAll("|", "\\|");
    const expected = spec.kind.expected.replaceAll("|", "\\|");
    lines.push(
      `| \`${key}\` | ${showDefault(spec.default)} | ${expected} | \`${envNameOf(key)}\` | ${STATUS_TEXT[spec.status]} | ${note} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
