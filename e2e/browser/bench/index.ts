/**
 * Browser benchmarks (`npm run bench` in e2e/browser; not in CI): min+gzip bundle sizes of
 * core-types, crypto and micropayment, then the same workload (bench/workload.ts: secp256k1
 * sign and verify per second on the noble backend, a relay's accept() per second of a payer's
 * payments) in Node — the baseline — and in headless Chromium, in the same run.
 *
 *   npm run bench -- [count]   (default 2,000 of each operation)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import * as esbuild from "esbuild";
import { chromium as playwright } from "playwright-core";
import { bundleSize, ROOT } from "../harness/build.ts";
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from "../harness/chromium.ts";
import { serveDir } from "../harness/server.ts";
import { runWorkload, type WorkloadRates } from "./workload.ts";

const count = Number(process.argv[2] ?? 2000);
if (!Number.isInteger(count) || count <= 0)
  throw new Error(`count: expected a positive integer, got ${process.argv[2]}`);

/** A short run first on each side, so neither is measured while its JIT warms up. */
const WARM_UP = Math.max(50, Math.floor(count / 10));

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log("bundle sizes for the browser (esbuild, each package alone with its dependencies)");
for (const pkg of ["core-types", "crypto", "micropayment"]) {
  const size = await bundleSize(pkg);
  console.log(
    `  @theta/${pkg.padEnd(13)} ${kb(size.minified).padStart(9)} min  ${kb(size.gzipped).padStart(9)} min+gzip`,
  );
}

async function inChromium(): Promise<WorkloadRates> {
  const missing = ensureChromium();
  if (missing !== undefined) throw new Error(missing);
  const work = mkdtempSync(join(tmpdir(), "theta-browser-bench-"));
  try {
    const entry = join(work, "entry.ts");
    writeFileSync(
      entry,
      `import { runWorkload } from ${JSON.stringify(join(ROOT, "e2e/browser/bench/workload.ts"))};\n` +
        "Object.assign(globalThis, { runBench: (n) => runWorkload(n, () => performance.now()) });\n",
    );
    await esbuild.build({
      entryPoints: [entry],
      outdir: join(work, "static"),
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      conditions: ["@theta/source"],
      minify: true,
      logLevel: "silent",
    });
    writeFileSync(
      join(work, "static", "index.html"),
      '<!doctype html><meta charset="utf-8"><title>theta browser bench</title><script type="module" src="/entry.js"></script>\n',
    );
    const server = await serveDir(join(work, "static"));
    const context = await playwright.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => "runBench" in globalThis, undefined, { timeout: 30_000 });
      const run = (n: number) =>
        page.evaluate(
          (k) => (globalThis as unknown as { runBench(n: number): Promise<WorkloadRates> }).runBench(k),
          n,
        );
      await run(WARM_UP);
      return await run(count);
    } finally {
      await context.close();
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await runWorkload(WARM_UP, () => performance.now());
const node = await runWorkload(count, () => performance.now());
const browser = await inChromium();
for (const r of [node, browser]) {
  if (r.signatures !== count || r.accepted !== count) throw new Error("a workload run did less than asked");
}

console.log(
  `\n${count.toLocaleString("en")} operations each, noble backend (baseline: Node ${process.version}, same run)`,
);
console.log(`  ${"operation".padEnd(22)} ${"Node /s".padStart(10)} ${"Chromium /s".padStart(12)}  ratio`);
const rows: [string, keyof WorkloadRates][] = [
  ["secp256k1 sign", "signPerSecond"],
  ["secp256k1 verify", "verifyPerSecond"],
  ["relay accept()", "acceptPerSecond"],
];
for (const [label, key] of rows) {
  const n = node[key];
  const b = browser[key];
  console.log(
    `  ${label.padEnd(22)} ${n.toFixed(0).padStart(10)} ${b.toFixed(0).padStart(12)}  ${(b / n).toFixed(2)}x`,
  );
}
