/**
 * The repository's references to its protocol docs resolve (scripts/check-docs.mjs, described in
 * docs/README.md): every section reference names an existing page and anchor, every relative
 * Markdown link an existing file and anchor. The second part shows the checker failing on a tree
 * with broken references. Section signs are written as `\u00a7` here, so that the checker does not
 * read this file's fixtures as references.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

interface CheckResult {
  readonly errors: readonly Finding[];
  readonly references: readonly { file: string; line: number; target: string }[];
  readonly links: number;
  readonly pendingReferences: number;
  readonly externalCitations: number;
}

type CheckDocs = (options: {
  root: string;
  pending?: readonly string[];
  pendingSections?: readonly string[];
}) => CheckResult;

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const CHECKER = pathToFileURL(join(REPO_ROOT, "scripts/check-docs.mjs")).href;

async function loadChecker(): Promise<CheckDocs> {
  const mod = (await import(CHECKER)) as { checkDocs: CheckDocs };
  return mod.checkDocs;
}

const S = "\u00a7";
const PAGE = "ledger";
const MISSING = "notes";

describe("docs references in this repository", () => {
  it("every section reference and relative Markdown link resolves", async () => {
    const checkDocs = await loadChecker();
    const r = checkDocs({ root: REPO_ROOT });
    const report = r.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join("\n");
    expect(report).toBe("");
    // The code cites the docs a few hundred times; an empty scan would mean a broken checker.
    expect(r.references.length).toBeGreaterThan(600);
    expect(r.links).toBeGreaterThan(300);
    for (const page of ["ledger", "consensus", "interfaces", "decisions"]) {
      expect(r.references.some((x) => x.target.startsWith(`docs/${page}.md#s`))).toBe(true);
    }
  });
});

describe("the checker fails on broken references", () => {
  const root = mkdtempSync(join(tmpdir(), "check-docs-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  write(
    `docs/${PAGE}.md`,
    [
      "# Ledger",
      "",
      '<a id="s5"></a>',
      "## 5 Executors",
      "",
      '<a id="s5.8"></a>',
      "### 5.8 SmartContractTx",
      "",
    ].join("\n"),
  );
  write(
    "pkg/README.md",
    [
      `Good: [${PAGE}.md ${S}5.8](../docs/${PAGE}.md#s5.8), [${S}5](../docs/${PAGE}.md#s5), [a heading](../docs/${PAGE}.md#5-executors).`,
      `Bad anchor: [${PAGE}.md ${S}5.8](../docs/${PAGE}.md#s5.9).`,
      `Bad section: [${PAGE}.md ${S}7](../docs/${PAGE}.md#s7).`,
      `Missing file: [notes](../docs/${MISSING}.md).`,
      `Outside a link: ${PAGE}.md ${S}5.8.`,
      `A citation: FIPS 202 ${S}3.2.`,
      `Not a document of the repository: issue 4 ${S}3.`,
      "```ts",
      `// ${S}99 in a code block is an example, not a reference`,
      "```",
    ].join("\n"),
  );
  write(
    "pkg/src/a.ts",
    [
      `/** Good: docs/${PAGE}.md ${S}5.8 and ${S}5, a range docs/${PAGE}.md ${S}5–${S}5.8. */`,
      `/** Missing section: docs/${PAGE}.md ${S}9.9. */`,
      `/** No page: ${S}5.8. */`,
      `/** Old form: ${PAGE}.md ${S}5.8. */`,
      `/** Outside: ${["shared", "spec"].join("/")}/${PAGE}.md. */`,
      `/** Cited: yellow paper ${S}4.3.1. */`,
      `/** A link form: docs/${PAGE}.md#s5.9. */`,
    ].join("\n"),
  );
  write(
    "legacy/b.ts",
    [`/** Pending: ${PAGE}.md ${S}5.8 */`, `// later: ${S}5`, `// wrong: ${S}6`].join("\n"),
  );

  it("reports each broken reference with its file and line, and nothing else", async () => {
    const checkDocs = await loadChecker();
    const r = checkDocs({ root, pending: ["legacy/"] });
    const found = r.errors.map((e) => `${e.file}:${e.line}: ${e.message}`);
    expect(found).toEqual([
      `legacy/b.ts:3: docs/${PAGE}.md has no section ${S}6 (#s6)`,
      `pkg/README.md:2: link to ../docs/${PAGE}.md#s5.9: docs/${PAGE}.md has no anchor #s5.9`,
      `pkg/README.md:2: "${PAGE}.md ${S}5.8" links to ../docs/${PAGE}.md#s5.9, expected the anchor #s5.8`,
      `pkg/README.md:3: link to ../docs/${PAGE}.md#s7: docs/${PAGE}.md has no anchor #s7`,
      `pkg/README.md:3: docs/${PAGE}.md has no section ${S}7 (#s7)`,
      `pkg/README.md:4: link to ../docs/${MISSING}.md: docs/${MISSING}.md does not exist`,
      `pkg/README.md:5: a ${S} reference outside a link: write [page.md ${S}N](…/docs/page.md#sN)`,
      `pkg/README.md:5: ${PAGE}.md without a link: link it to its docs/ page`,
      `pkg/README.md:7: a ${S} reference outside a link: write [page.md ${S}N](…/docs/page.md#sN)`,
      `pkg/src/a.ts:2: docs/${PAGE}.md has no section ${S}9.9 (#s9.9)`,
      `pkg/src/a.ts:3: ${S}5.8 names no page: write docs/<page>.md ${S}5.8 on the same line`,
      `pkg/src/a.ts:4: ${PAGE}.md without its path: write docs/${PAGE}.md`,
      `pkg/src/a.ts:4: ${S}5.8 names no page: write docs/<page>.md ${S}5.8 on the same line`,
      "pkg/src/a.ts:5: refers to the specs outside the repository (shared\\/spec\\b): use docs/",
      `pkg/src/a.ts:7: docs/${PAGE}.md has no anchor #s5.9`,
    ]);
    expect(r.externalCitations).toBe(2);
    expect(r.pendingReferences).toBe(3);
    // The good references were resolved: README line 1 (three), a.ts line 1 (four), legacy (two).
    expect(r.references.filter((x) => x.file === "pkg/src/a.ts" && x.line === 1)).toHaveLength(4);
  });

  it("passes once they are fixed", async () => {
    const checkDocs = await loadChecker();
    write(`pkg/README.md`, `Good: [${PAGE}.md ${S}5.8](../docs/${PAGE}.md#s5.8).\n`);
    write(`pkg/src/a.ts`, `/** Good: docs/${PAGE}.md ${S}5.8, ${S}5. */\n`);
    write("legacy/b.ts", `/** Pending: ${PAGE}.md ${S}5.8 */\n`);
    const r = checkDocs({ root, pending: ["legacy/"] });
    expect(r.errors).toEqual([]);
    expect(r.references).toHaveLength(4);
  });
});

describe("package READMEs keep Owns, API, Example and Errors", () => {
  const root = mkdtempSync(join(tmpdir(), "check-docs-sections-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const readme = (pkg: string, text: string) => {
    mkdirSync(join(root, "packages", pkg), { recursive: true });
    writeFileSync(join(root, "packages", pkg, "README.md"), text);
  };
  const complete = [
    "# @theta/a",
    "",
    "**Owns** the a.",
    "",
    "## API",
    "",
    "## Example",
    "",
    "## Error codes",
    "",
  ];

  it("reports each missing section of a package README, headings in code blocks not counted", async () => {
    const checkDocs = await loadChecker();
    readme("a", complete.join("\n"));
    readme(
      "b",
      [
        "# @theta/b",
        "",
        "## What it owns",
        "",
        "```md",
        "## API",
        "## Errors",
        "```",
        "",
        "## Examples",
      ].join("\n"),
    );
    readme("c", "# @theta/c\n");
    const r = checkDocs({ root, pendingSections: ["packages/c/README.md"] });
    expect(r.errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      "packages/b/README.md:1: no API section: a package README keeps Owns, API, Example and Errors",
      "packages/b/README.md:1: no Errors section: a package README keeps Owns, API, Example and Errors",
    ]);
  });

  it("passes once every section is there", async () => {
    const checkDocs = await loadChecker();
    readme("b", complete.join("\n"));
    expect(checkDocs({ root, pendingSections: ["packages/c/README.md"] }).errors).toEqual([]);
    expect(checkDocs({ root, pendingSections: [] }).errors).toHaveLength(4);
  });
});
