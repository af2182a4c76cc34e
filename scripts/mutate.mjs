#!/usr/bin/env node
/**
 * Mutation testing with StrykerJS (vitest runner), run by hand: `npm run mutate` runs every target
 * in turn, `npm run mutate -- ledger` (or several names) only those. Not part of CI or `npm test`.
 *
 * Each target is a package with a `stryker.config.json` (what to mutate) and a
 * `vitest.stryker.config.ts` (which tests to run against each mutant). The tests run against the
 * package sources (the `@theta/source` condition), so nothing needs building first. Each target
 * runs in its own Node process with the package as working directory; the JSON reports land in
 * `packages/<pkg>/reports/mutation/` (git-ignored) and one summary table is printed at the end.
 *
 * StrykerJS 10 declares Node >= 22 and its command line refuses older versions; its `Stryker` class
 * runs under the Node 20 this repository supports, so this script loads it directly.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Target name → package directory (mutated files: see each package's stryker.config.json). */
const TARGETS = {
  crypto: "packages/crypto",
  micropayment: "packages/micropayment",
  "trie-store": "packages/trie-store",
  consensus: "packages/consensus",
  ledger: "packages/ledger",
};

async function runHere() {
  const require = createRequire(join(root, "package.json"));
  const coreDir = dirname(require.resolve("@stryker-mutator/core/package.json"));
  const { Stryker } = await import(pathToFileURL(join(coreDir, "dist/src/stryker.js")).href);
  const results = await new Stryker({ configFile: "stryker.config.json" }).runMutationTest();
  process.exitCode = results.length > 0 ? 0 : 1;
}

/** Counts by status from a mutation-testing-report-schema JSON report. */
function summarize(reportPath) {
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const n = { mutants: 0, Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0, other: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === "Ignored" || m.status === "CompileError") continue;
      n.mutants++;
      if (m.status in n) n[m.status]++;
      else n.other++;
    }
  }
  const detected = n.Killed + n.Timeout;
  const valid = detected + n.Survived + n.NoCoverage;
  return { ...n, score: valid === 0 ? Number.NaN : (100 * detected) / valid };
}

function printTable(rows) {
  const header = ["target", "mutants", "killed", "survived", "no coverage", "timeout", "score"];
  const lines = rows.map((r) =>
    r.missing
      ? [r.target, "-", "-", "-", "-", "-", "no report"]
      : [r.target, r.mutants, r.Killed, r.Survived, r.NoCoverage, r.Timeout, `${r.score.toFixed(2)}%`].map(
          String,
        ),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(`\n${fmt(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.log(fmt(l));
}

function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const unknown = asked.filter((a) => !(a in TARGETS));
  if (unknown.length > 0) {
    console.error(`unknown target(s): ${unknown.join(", ")}; known: ${Object.keys(TARGETS).join(", ")}`);
    process.exit(2);
  }
  const names = asked.length > 0 ? asked : Object.keys(TARGETS);
  const rows = [];
  let failed = false;
  for (const name of names) {
    const cwd = join(root, TARGETS[name]);
    console.log(`\n== mutate ${name} (${TARGETS[name]})`);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--here"], {
      cwd,
      stdio: "inherit",
    });
    if (r.status !== 0) failed = true;
    const report = join(cwd, "reports/mutation/mutation.json");
    rows.push(existsSync(report) ? { target: name, ...summarize(report) } : { target: name, missing: true });
  }
  printTable(rows);
  if (failed) process.exitCode = 1;
}

if (process.argv.includes("--here")) await runHere();
else main();
