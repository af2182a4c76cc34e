#!/usr/bin/env node
// Runs every package's tests through turbo and ends with one plain total line,
// "N passed, N failed", summed from each package's vitest summary.
import { spawn } from "node:child_process";

const child = spawn("turbo", ["run", "test", "--concurrency=2", ...process.argv.slice(2)], {
  stdio: ["ignore", "pipe", "pipe"],
  shell: process.platform === "win32",
});
let passed = 0;
let failed = 0;
let pending = "";
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const strip = (s) => s.replace(ANSI, "");
function scan(chunk) {
  pending += chunk;
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const m = /^\S*:test:\s+Tests\s+(.*)$/.exec(strip(line));
    if (!m) continue;
    const p = /(\d+) passed/.exec(m[1]);
    const f = /(\d+) failed/.exec(m[1]);
    if (p) passed += Number(p[1]);
    if (f) failed += Number(f[1]);
  }
}
child.stdout.on("data", (d) => {
  process.stdout.write(d);
  scan(d.toString());
});
child.stderr.on("data", (d) => process.stderr.write(d));
child.on("exit", (code) => {
  scan("\n");
  console.log(`\nall packages: ${passed} passed, ${failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
