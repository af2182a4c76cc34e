#!/usr/bin/env node
// Runs every package's tests through turbo (the test task is never cached: tests read files no
// input list can name, such as the conformance data in ../shared) and ends with one plain total
// line, "N passed, N failed, N skipped", summed from each package's vitest summary
// ("Tests  X failed | Y passed | Z skipped | T todo (N)"; todo tests count as skipped).
//
// Tests skip only when something they need is absent: the conformance data
// (../shared/conformance/theta-privatenet) or tmux. When both are present, as in CI, nothing may
// skip, and a skipped test fails the run. `--continue`: a failing package does not stop the others,
// so the total counts every package (the run still fails).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const conformance = join(root, "..", "shared", "conformance", "theta-privatenet");
const hasTmux = spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;
const nothingMaySkip = existsSync(conformance) && hasTmux;

const child = spawn("turbo", ["run", "test", "--concurrency=2", "--continue", ...process.argv.slice(2)], {
  stdio: ["ignore", "pipe", "pipe"],
  shell: process.platform === "win32",
});
const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedIn = new Set();
// The failure report of each package (vitest's "Failed Tests" section up to its summary), printed
// again just above the total: in a long CI log only the tail is sure to be read.
const failures = new Map();
const capturing = new Set();
const FAILURE_LINES = 40;
let pending = "";
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const strip = (s) => s.replace(ANSI, "");

/** Counts of one vitest summary ("3 failed | 10 passed | 2 skipped | 1 todo (16)"). */
function parseSummary(text) {
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0);
  return { passed: count("passed"), failed: count("failed"), skipped: count("skipped") + count("todo") };
}

function scan(chunk) {
  pending += chunk;
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const plain = strip(line);
    const f = /^(\S*):test: (.*)$/.exec(plain);
    if (f && /Failed Tests \d+|Unhandled Errors?/.test(f[2])) capturing.add(f[1]);
    if (f && /^\s*Test Files\s/.test(f[2])) capturing.delete(f[1]);
    if (f && capturing.has(f[1])) {
      const kept = failures.get(f[1]) ?? [];
      if (kept.length < FAILURE_LINES && f[2].trim() !== "") kept.push(plain);
      failures.set(f[1], kept);
    }
    const m = /^(\S*):test:\s+Tests\s+(.*)$/.exec(plain);
    if (!m) continue;
    const c = parseSummary(m[2]);
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    if (c.skipped > 0) skippedIn.add(m[1]);
  }
}
child.stdout.on("data", (d) => {
  process.stdout.write(d);
  scan(d.toString());
});
child.stderr.on("data", (d) => process.stderr.write(d));
child.on("exit", (code) => {
  scan("\n");
  let status = code ?? 1;
  if (nothingMaySkip && totals.skipped > 0) {
    console.error(
      `\ntest-all: ${totals.skipped} test(s) skipped in ${[...skippedIn].join(", ")}, although the ` +
        "conformance data and tmux are both present: nothing should skip",
    );
    if (status === 0) status = 1;
  }
  for (const [pkg, kept] of failures) {
    console.log(`\ntest-all: the failures of ${pkg}, again:`);
    for (const l of kept) console.log(l);
  }
  console.log(`\nall packages: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(status);
});
