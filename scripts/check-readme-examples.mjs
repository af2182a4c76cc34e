#!/usr/bin/env node
/**
 * Type-checks the TypeScript examples of the repository's READMEs.
 *
 * Every fenced block opened with ```ts or ```typescript in README.md, packages/<pkg>/README*.md,
 * apps/<app>/README*.md and examples/<dir>/README*.md is written to its own module under
 * apps/node/.tmp/readme-examples/ (apps/node depends on every package, so `@theta/*` imports
 * resolve there, to the sources through the `@theta/source` condition) and the whole set is
 * type-checked with the TypeScript API under the repository's compiler options
 * (tsconfig.base.json, no emit).
 *
 * A block that is deliberately a fragment (a signature list, a sketch continuing an earlier block)
 * is opened with ```ts no-check and is skipped. Values an example uses without building them are
 * declared in the block itself (`declare const db: TrieDatabase;`), so the rest is checked.
 *
 * Usage: node scripts/check-readme-examples.mjs [--root <dir>] [--list]. Exit status 1 when a
 * block does not type-check. `checkReadmeExamples({ root })` returns the same findings, each
 * mapped back to its README line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The info-string word that exempts a block from the check. */
export const NO_CHECK = "no-check";

const LANGS = new Set(["ts", "typescript"]);

/** Where the generated modules go, relative to the root: a package that depends on every other. */
const OUT_DIR = join("apps", "node", ".tmp", "readme-examples");

/** The READMEs scanned, repository-relative. */
export function readmeFiles(root) {
  const out = [];
  if (existsSync(join(root, "README.md"))) out.push("README.md");
  const visit = (dir, depth) => {
    const abs = join(root, dir);
    if (!existsSync(abs)) return;
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".")) continue;
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory() && depth > 0) visit(rel, depth - 1);
      else if (e.isFile() && /^README.*\.md$/.test(e.name) && dir !== "") out.push(rel);
    }
  };
  visit("packages", 1);
  visit("apps", 1);
  visit("examples", 8);
  return out.sort();
}

/**
 * The ```ts blocks of a Markdown text.
 * @returns {{ line: number, code: string, checked: boolean }[]} line: the first code line (1-based)
 */
export function extractBlocks(text) {
  const blocks = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s{0,3})(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    if (LANGS.has(lang.toLowerCase())) {
      blocks.push({ line: i + 2, code: body.join("\n"), checked: !rest.split(/\s+/).includes(NO_CHECK) });
    }
    i = j;
  }
  return blocks;
}

/**
 * Writes every checked block of `files` (default: `readmeFiles(root)`) and type-checks them.
 * @param {{ root: string, files?: readonly string[], outDir?: string }} options
 * @returns {{ errors: { file: string, line: number, message: string }[], blocks: number,
 *   skipped: number, files: number }}
 */
export function checkReadmeExamples({ root, files = readmeFiles(root), outDir = join(root, OUT_DIR) }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const sources = new Map(); // generated path -> { file, line }
  let skipped = 0;
  for (const file of files) {
    const blocks = extractBlocks(readFileSync(join(root, file), "utf8"));
    for (const b of blocks) {
      if (!b.checked) {
        skipped++;
        continue;
      }
      const name = `${file.replace(/[^\w]+/g, "_")}_L${b.line}.mts`;
      const path = join(outDir, name);
      // `export {}` makes a block without imports a module of its own (no shared global scope).
      writeFileSync(path, `${b.code}\nexport {};\n`);
      sources.set(path, { file, line: b.line });
    }
  }
  const errors = [];
  if (sources.size > 0) {
    const base = ts.getParsedCommandLineOfConfigFile(
      join(root, "tsconfig.base.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    const options = {
      ...base.options,
      noEmit: true,
      composite: false,
      declaration: false,
      declarationMap: false,
      sourceMap: false,
      incremental: false,
      // An example may leave a value unused (`const raw = encodeTx(tx)` shows the call).
      noUnusedLocals: false,
      noUnusedParameters: false,
    };
    const program = ts.createProgram([...sources.keys()], options);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    for (const d of diagnostics) {
      const at = d.file === undefined ? undefined : sources.get(resolve(d.file.fileName));
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (at === undefined) {
        const where = d.file === undefined ? "" : `${relative(root, d.file.fileName).split(sep).join("/")}: `;
        errors.push({ file: "(compiler)", line: 0, message: `${where}${message}` });
        continue;
      }
      const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      errors.push({ file: at.file, line: at.line + line, message: `TS${d.code}: ${message}` });
    }
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { errors, blocks: sources.size, skipped, files: files.length };
}

function main(argv) {
  const rootArg = argv.indexOf("--root");
  const root = resolve(
    rootArg === -1 ? join(dirname(fileURLToPath(import.meta.url)), "..") : (argv[rootArg + 1] ?? "."),
  );
  const files = readmeFiles(root);
  if (argv.includes("--list")) for (const f of files) console.log(f);
  const r = checkReadmeExamples({ root, files });
  for (const e of r.errors) console.error(`${e.file}:${e.line}: ${e.message}`);
  console.log(
    `check-readme-examples: ${r.blocks} blocks type-checked, ${r.skipped} marked ${NO_CHECK}, ` +
      `in ${r.files} READMEs; ${r.errors.length} errors`,
  );
  return r.errors.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
