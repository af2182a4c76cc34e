/**
 * The TypeScript examples in the READMEs type-check against the packages' sources
 * (scripts/check-readme-examples.mjs): every ```ts block of README.md, packages/<pkg>/README*.md,
 * apps/<app>/README*.md and examples/** /README*.md, except those marked ```ts no-check. The
 * second part shows the checker failing, at the README line, on a tree with a broken example.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

interface ExampleCheck {
  readonly errors: readonly Finding[];
  readonly blocks: number;
  readonly skipped: number;
  readonly files: number;
}

interface Checker {
  checkReadmeExamples(options: { root: string; files?: readonly string[]; outDir?: string }): ExampleCheck;
  readmeFiles(root: string): string[];
  extractBlocks(text: string): { line: number; code: string; checked: boolean }[];
}

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const CHECKER = pathToFileURL(join(REPO_ROOT, "scripts/check-readme-examples.mjs")).href;
const load = async () => (await import(CHECKER)) as Checker;
const FENCE = "`".repeat(3);

describe("README examples in this repository", () => {
  it("every ts block type-checks", { timeout: 300_000 }, async () => {
    const { checkReadmeExamples, readmeFiles } = await load();
    const files = readmeFiles(REPO_ROOT);
    // Every package README is scanned (an empty scan would mean a broken file walk).
    for (const pkg of ["core-types", "crypto", "ledger", "trie-store", "consensus", "micropayment"]) {
      expect(files).toContain(`packages/${pkg}/README.md`);
    }
    const r = checkReadmeExamples({ root: REPO_ROOT, files });
    expect(r.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join("\n")).toBe("");
    expect(r.blocks).toBeGreaterThanOrEqual(12);
  });
});

describe("the checker fails on a broken example", () => {
  // Inside the workspace, so that the compiler finds @types/node as it does for the real READMEs.
  const root = join(REPO_ROOT, "apps/node/.tmp/readme-examples-fixture");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "packages/demo"), { recursive: true });
  copyFileSync(join(REPO_ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const readme = (blocks: string[]) =>
    writeFileSync(join(root, "packages/demo/README.md"), ["# demo", "", ...blocks].join("\n"));
  const good = [`${FENCE}ts`, "const n: bigint = 1n;", "console.log(n);", FENCE, ""];
  const bad = [`${FENCE}typescript`, "const height: bigint = 1n;", "const s: string = height;", FENCE, ""];
  const fragment = [`${FENCE}ts no-check`, "interface Port { get(key): Promise<Hash> }", FENCE, ""];
  const sh = [`${FENCE}sh`, "npm run docs", FENCE, ""];

  it("finds the blocks and their lines", async () => {
    const { extractBlocks } = await load();
    const blocks = extractBlocks(["# demo", "", ...good, ...bad, ...fragment, ...sh].join("\n"));
    expect(blocks.map((b) => [b.line, b.checked])).toEqual([
      [4, true],
      [9, true],
      [14, false],
    ]);
  });

  it("reports a type error at its README line, and skips no-check blocks", { timeout: 120_000 }, async () => {
    const { checkReadmeExamples } = await load();
    readme([...good, ...bad, ...fragment, ...sh]);
    const r = checkReadmeExamples({ root, files: ["packages/demo/README.md"], outDir: join(root, "out") });
    expect(r.blocks).toBe(2);
    expect(r.skipped).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: "packages/demo/README.md", line: 10 });
    expect(r.errors[0]?.message).toMatch(/^TS2322: Type 'bigint' is not assignable to type 'string'/);
  });

  it("passes once the example is fixed", { timeout: 120_000 }, async () => {
    const { checkReadmeExamples } = await load();
    readme([...good, ...fragment]);
    const r = checkReadmeExamples({ root, files: ["packages/demo/README.md"], outDir: join(root, "out") });
    expect(r.errors).toEqual([]);
    expect(r.blocks).toBe(1);
  });
});
