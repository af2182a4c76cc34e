/**
 * core-types, crypto (noble), micropayment, trie-store, the ledger on the memory KvStore and
 * consensus' deterministic simulator in a browser: their Node unit test files (harness/suites.ts),
 * unchanged, bundled with esbuild and run in headless Chromium through playwright-core. Every test
 * Node runs in those files must pass in the browser, except the ones BROWSER_SKIPS names; the
 * vector files' own counts (`afterAll(() => expect(ran).toBe(N))`) run there too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium as playwright } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestBundle, bundleSize } from "../harness/build.ts";
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from "../harness/chromium.ts";
import { type ListedTest, listNodeTests } from "../harness/nodeTests.ts";
import type { BrowserReport } from "../harness/runner.ts";
import { serveDir } from "../harness/server.ts";
import { BROWSER_SKIPS, BROWSER_SUITES, browserTestFiles } from "../harness/suites.ts";

const missing = ensureChromium();
if (missing !== undefined) console.warn(`browser tests skipped: ${missing}`);

const key = (t: { file: string; name: string }) => `${t.file} > ${t.name}`;
const packageOf = (file: string) => file.split("/")[1]!;

describe.skipIf(missing !== undefined)("the packages in headless Chromium", () => {
  const files = browserTestFiles();
  let work: string;
  let report: BrowserReport;
  let nodeTests: ListedTest[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "theta-browser-"));
    const listing = listNodeTests(files, join(work, "node-tests.json"));
    let started = performance.now();
    await buildTestBundle(files, work);
    console.log(`bundled ${files.length} test files in ${Math.round(performance.now() - started)} ms`);
    const server = await serveDir(join(work, "static"));
    const context = await playwright.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await page.goto(server.url);
      await page.waitForFunction(() => "runBrowserTests" in globalThis, undefined, { timeout: 30_000 });
      started = performance.now();
      report = await page.evaluate(() =>
        (globalThis as unknown as { runBrowserTests(): Promise<BrowserReport> }).runBrowserTests(),
      );
      console.log(`${report.userAgent}: ran in ${Math.round(performance.now() - started)} ms`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
    nodeTests = await listing;
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("passes every test of the bundled files, hooks and vector counts included", () => {
    expect(report.errors).toEqual([]);
    const failed = report.tests.filter((t) => t.state === "fail");
    expect(failed.map((t) => `${key(t)}\n${t.error}`)).toEqual([]);
  });

  it("runs the same tests Node runs in those files, skipping only the declared ones", () => {
    expect(report.tests.map(key).sort()).toEqual(nodeTests.map(key).sort());
    const skipped = report.tests.filter((t) => t.state === "skip");
    for (const t of skipped)
      expect(
        BROWSER_SKIPS.some((s) => s.pattern.test(t.name)),
        key(t),
      ).toBe(true);
    // A declared skip that matches nothing is stale: it would hide a test added under its name later.
    for (const s of BROWSER_SKIPS)
      expect(
        skipped.some((t) => s.pattern.test(t.name)),
        `BROWSER_SKIPS ${s.pattern} (${s.reason}) matches no test`,
      ).toBe(true);
    const lines = Object.keys(BROWSER_SUITES).map((pkg) => {
      const mine = report.tests.filter((t) => packageOf(t.file) === pkg);
      const passed = mine.filter((t) => t.state === "pass").length;
      const node = nodeTests.filter((t) => packageOf(t.file) === pkg).length;
      return `  ${pkg}: ${passed} passed, ${mine.length - passed} skipped (Node lists ${node}) in ${BROWSER_SUITES[pkg]!.length} files`;
    });
    const passed = report.tests.filter((t) => t.state === "pass").length;
    console.log(
      [
        `browser: ${passed} passed, ${skipped.length} skipped of ${nodeTests.length} Node tests`,
        ...lines,
      ].join("\n"),
    );
    expect(passed).toBeGreaterThan(0);
  });

  it("reports the min+gzip bundle sizes of core-types, crypto and micropayment", async () => {
    for (const pkg of ["core-types", "crypto", "micropayment"]) {
      const size = await bundleSize(pkg);
      console.log(`bundle @theta/${pkg}: ${size.minified} B minified, ${size.gzipped} B min+gzip`);
      expect(size.gzipped).toBeGreaterThan(0);
    }
  });
});
