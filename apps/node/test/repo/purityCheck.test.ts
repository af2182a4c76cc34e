/**
 * scripts/check-purity.mjs: the repository's pure packages pass, and the checker fails on a tree
 * whose pure package breaks each rule once (a Node global, a timer, a node: or libp2p import, a clock), while
 * the adapter packages, comments, port methods and `purity-ok` lines stay allowed. The fixture's
 * forbidden names are assembled from pieces so that this file does not read as a violation.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

type CheckPurity = (options: { root: string }) => string[];

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const SCRIPT = join(REPO_ROOT, "scripts/check-purity.mjs");

async function loadChecker(): Promise<CheckPurity> {
  const mod = (await import(pathToFileURL(SCRIPT).href)) as { checkPurity: CheckPurity };
  return mod.checkPurity;
}

const BUF = ["Buf", "fer"].join("");
const PROC = ["pro", "cess"].join("");
const NODE = ["no", "de:"].join("");
const SET_TIMEOUT = ["set", "Timeout"].join("");
const SET_IMMEDIATE = ["set", "Immediate"].join("");
const CLEAR_INTERVAL = ["clear", "Interval"].join("");
const NOW = ["Date", ".now()"].join("");

describe("the repository's pure packages", () => {
  it("pass the purity check", async () => {
    const checkPurity = await loadChecker();
    expect(checkPurity({ root: REPO_ROOT })).toEqual([]);
  });
});

describe("the checker fails when a pure package breaks a rule", () => {
  const root = mkdtempSync(join(tmpdir(), "check-purity-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, lines: string[]) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${lines.join("\n")}\n`);
  };

  write("packages/pure/src/bad.ts", [
    `export const a = ${BUF}.from("ab");`,
    `export const b = ${PROC}.env.HOME;`,
    `${SET_TIMEOUT}(() => {}, 10);`,
    `import { Worker } from "${NODE}worker_threads";`,
    `export const c = ${NOW};`,
    `globalThis.${SET_IMMEDIATE}(() => {});`,
    `export const d = await import("${NODE}path");`,
    `${CLEAR_INTERVAL}(undefined);`,
    `export const e = require("x");`,
    `import { noise } from "@chainsafe/libp2p-noise";`,
    `import { ClassicLevel } from "classic-level";`,
  ]);
  write("packages/pure/src/fine.ts", [
    `/** Mentions ${BUF}, ${PROC}.env and ${SET_TIMEOUT}() in a comment only. */`,
    `// ${BUF}.from("x") in a line comment`,
    `export interface Clock { ${SET_TIMEOUT}: (fn: () => void, ms: number) => number }`,
    `export const later = (clock: Clock) => clock.${SET_TIMEOUT}(() => {}, 1);`,
    `export const bytes = new ArrayBuffer(8);`,
    `export const tick = () => ${NOW}; // purity-ok: the default clock, replaced in tests`,
    `export const url = "https://example.org/${PROC}.html";`,
    `import { levels } from "./level.ts";`,
    `import { z } from "zod";`,
  ]);
  write("packages/pure/src/testing/double.ts", [
    `export const t = ${NOW};`,
    `export const b = ${BUF}.alloc(1);`,
  ]);
  // p2p is the one adapter under packages/; the Node adapters moved to apps/ and are not exempt here.
  for (const adapter of ["p2p", "platform-node"]) {
    write(`packages/${adapter}/src/io.ts`, [
      `import { readFile } from "${NODE}fs";`,
      `export const b = ${BUF}.from("x");`,
      `${SET_TIMEOUT}(() => {}, 1);`,
    ]);
  }

  it("reports each violation with its file and line, and nothing in comments, port methods or adapters", async () => {
    const checkPurity = await loadChecker();
    expect(checkPurity({ root })).toEqual([
      "packages/platform-node/src/io.ts:1: a node: module (domain packages are platform-neutral)",
      "packages/platform-node/src/io.ts:2: Buffer (use Uint8Array and core-types' byte functions)",
      "packages/platform-node/src/io.ts:3: timers (inject a Clock/Timer port)",
      "packages/pure/src/bad.ts:1: Buffer (use Uint8Array and core-types' byte functions)",
      "packages/pure/src/bad.ts:2: process (configuration is passed in)",
      "packages/pure/src/bad.ts:3: timers (inject a Clock/Timer port)",
      "packages/pure/src/bad.ts:4: a node: module (domain packages are platform-neutral)",
      "packages/pure/src/bad.ts:5: Date.now() (inject a Clock port)",
      "packages/pure/src/bad.ts:6: timers (inject a Clock/Timer port)",
      "packages/pure/src/bad.ts:7: a node: module (domain packages are platform-neutral)",
      "packages/pure/src/bad.ts:8: timers (inject a Clock/Timer port)",
      "packages/pure/src/bad.ts:9: require/__dirname (domain packages are ESM, with no paths)",
      "packages/pure/src/bad.ts:10: LevelDB or libp2p (adapters: apps/platform-node, packages/p2p)",
      "packages/pure/src/bad.ts:11: LevelDB or libp2p (adapters: apps/platform-node, packages/p2p)",
      "packages/pure/src/testing/double.ts:2: Buffer (use Uint8Array and core-types' byte functions)",
    ]);
  });

  it("the command exits 1 on that tree and names the count", () => {
    const r = spawnSync(process.execPath, [SCRIPT, "--root", root], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Domain purity check failed (15)");
  });
});
