#!/usr/bin/env node
// Domain packages stay pure: no clock, randomness or environment except through ports.
// Biome's noRestrictedImports covers adapter imports; this covers the globals it cannot.
// Lines may opt out with a trailing `// purity-ok: <reason>` (adapters passed in as defaults).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const banned = [
  [/\bDate\.now\s*\(/, "Date.now() (inject a Clock port)"],
  [/\bnew Date\s*\(\s*\)/, "new Date() (inject a Clock port)"],
  [/\bMath\.random\s*\(/, "Math.random() (inject a Random port)"],
  [/\bcrypto\.getRandomValues\s*\(/, "crypto.getRandomValues() (inject a Random port)"],
  [/(?<![.\w])randomBytes\s*\((?![^)]*\)\s*:)/, "randomBytes() (inject a Random port)"],
  [/\bprocess\.env\b/, "process.env (configuration is passed in)"],
  [/\bsetTimeout\s*\(|\bsetInterval\s*\(/, "timers (inject a Clock/Timer port)"],
  [/\bperformance\.now\s*\(/, "performance.now() (inject a Clock port)"],
];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith(".ts")) yield p;
  }
}

const problems = [];
for (const pkg of readdirSync(join(root, "packages"))) {
  if (pkg === "p2p" || pkg === "platform-node") continue; // adapter packages, by design
  const src = join(root, "packages", pkg, "src");
  try {
    statSync(src);
  } catch {
    continue;
  }
  for (const file of walk(src)) {
    if (file.includes(`${"/"}testing${"/"}`)) continue; // test doubles may use real clocks
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (line.includes("purity-ok:")) return;
        const code = line.replace(/\/\/.*$/, "");
        for (const [re, what] of banned) {
          if (re.test(code)) problems.push(`${relative(root, file)}:${i + 1}: ${what}`);
        }
      });
  }
}
if (problems.length > 0) {
  console.error(`Domain purity check failed (${problems.length}):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("purity: domain packages use no clock, randomness or environment directly");
