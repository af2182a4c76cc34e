#!/usr/bin/env node
/**
 * Domain packages stay pure: no clock, randomness, environment, timers, Node.js modules or Node
 * globals except through ports. Biome's noRestrictedImports/noRestrictedGlobals and the pure
 * packages' tsconfig (`"types": []`, tsconfig.pure.json) cover most of it; this covers what they
 * cannot (`Date.now()`, `Math.random()`, random bytes) and repeats the rest without a type-checker.
 *
 * Pure packages: every directory under packages/ except the adapters (ADAPTERS). Files under a
 * `testing/` directory (test doubles) may use a real clock and randomness, but not the rest.
 * Comments are not checked. A line may opt out with a trailing `// purity-ok: <reason>` (adapters
 * passed in as defaults).
 *
 * Usage: node scripts/check-purity.mjs [--root <dir>]. Exit status 1 when something is found.
 * `checkPurity({ root })` returns the findings ("<file>:<line>: <what>", file relative to root).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The adapter package under packages/ (the libp2p one); the other adapters live in apps/. */
export const ADAPTERS = new Set(["p2p"]);

const TIMER = "(?:set|clear)(?:Timeout|Interval|Immediate)";

/** [pattern, what, applies to testing/ files too]; matched on code without comments or string literals. */
const BANNED = [
  [/\bDate\.now\s*\(/, "Date.now() (inject a Clock port)", false],
  [/\bnew Date\s*\(\s*\)/, "new Date() (inject a Clock port)", false],
  [/\bMath\.random\s*\(/, "Math.random() (inject a Random port)", false],
  [/\bcrypto\.getRandomValues\s*\(/, "crypto.getRandomValues() (inject a Random port)", false],
  [/(?<![.\w])randomBytes\s*\((?![^)]*\)\s*:)/, "randomBytes() (inject a Random port)", false],
  [/\bperformance\.now\s*\(/, "performance.now() (inject a Clock port)", false],
  [
    new RegExp(`(?<![\\w$.])${TIMER}\\b(?!\\s*\\??:)|\\bglobalThis\\.${TIMER}\\b`),
    "timers (inject a Clock/Timer port)",
    true,
  ],
  [/(?<![\w$.])process\s*[.[]|\bglobalThis\.process\b/, "process (configuration is passed in)", true],
  [
    /(?<![\w$.])Buffer\b(?!\s*\??:)|\bglobalThis\.Buffer\b/,
    "Buffer (use Uint8Array and core-types' byte functions)",
    true,
  ],
  [
    /(?<![\w$.])require\s*\(|\b__dirname\b|\b__filename\b/,
    "require/__dirname (domain packages are ESM, with no paths)",
    true,
  ],
];

/** Matched on code with its string literals (module specifiers); `level` and `libp2p` exactly or with a subpath. */
const NODE_IMPORT = /(?:\bfrom|\bimport\s*\(?|\brequire\s*\()\s*["']node:/;
const NODE_IMPORT_WHAT = "a node: module (domain packages are platform-neutral)";
const ADAPTER_IMPORT =
  /(?:\bfrom|\bimport\s*\(?|\brequire\s*\()\s*["'](?:(?:classic-level|level|libp2p)["'/]|@libp2p\/|@chainsafe\/)/;
const ADAPTER_IMPORT_WHAT = "LevelDB or libp2p (adapters: apps/platform-node, packages/p2p)";

const withoutStrings = (code) => code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith(".ts") || p.endsWith(".mts") || p.endsWith(".js")) yield p;
  }
}

/** The text with block and line comments blanked (line numbers kept). */
function withoutComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
    .split("\n")
    .map((line) => line.replace(/(^|[^:"'`])\/\/.*$/, "$1"));
}

/** The findings under `root`'s packages/. */
export function checkPurity({ root }) {
  const problems = [];
  const packages = join(root, "packages");
  for (const pkg of readdirSync(packages).sort()) {
    if (ADAPTERS.has(pkg)) continue;
    const src = join(packages, pkg, "src");
    if (!existsSync(src)) continue;
    for (const file of walk(src)) {
      const testing = file.includes(`${sep}testing${sep}`);
      const text = readFileSync(file, "utf8");
      const raw = text.split("\n");
      withoutComments(text).forEach((code, i) => {
        if (raw[i].includes("purity-ok:")) return;
        const at = `${relative(root, file).split(sep).join("/")}:${i + 1}`;
        const bare = withoutStrings(code);
        for (const [re, what, everywhere] of BANNED) {
          if ((everywhere || !testing) && re.test(bare)) problems.push(`${at}: ${what}`);
        }
        if (NODE_IMPORT.test(code)) problems.push(`${at}: ${NODE_IMPORT_WHAT}`);
        if (ADAPTER_IMPORT.test(code)) problems.push(`${at}: ${ADAPTER_IMPORT_WHAT}`);
      });
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--root");
  const root = at > 0 ? resolve(process.argv[at + 1]) : fileURLToPath(new URL("..", import.meta.url));
  const problems = checkPurity({ root });
  if (problems.length > 0) {
    console.error(`Domain purity check failed (${problems.length}):\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(
    "purity: domain packages use no clock, randomness, environment, timers, Buffer or node: modules directly",
  );
}
