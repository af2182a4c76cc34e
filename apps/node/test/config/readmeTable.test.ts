import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderConfigTable } from "../../src/config/configTable.ts";
import { CONFIG_KEYS } from "../../src/config/keys.ts";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README config table", () => {
  it("equals the table generated from the schema", () => {
    const start = README.indexOf("<!-- config-table:start -->\n");
    const end = README.indexOf("<!-- config-table:end -->");
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const documented = README.slice(start + "<!-- config-table:start -->\n".length, end);
    expect(documented).toBe(renderConfigTable());
  });

  it("has one row per key", () => {
    const rows = renderConfigTable().trimEnd().split("\n").slice(2);
    expect(rows).toHaveLength(Object.keys(CONFIG_KEYS).length);
  });
});
