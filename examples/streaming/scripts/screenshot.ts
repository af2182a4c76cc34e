/**
 * `npm run screenshot`: starts the demo (node, two relays, page), plays the whole stream in
 * headless Chromium and saves the viewer page as screenshot-video.png; with `--cheat`, the cheating
 * viewer's run as screenshot-video-cheat.png (the test takes screenshot.png and screenshot-cheat.png).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from "../../../e2e/browser/harness/chromium.ts";
import { startStack } from "../src/stack.ts";

const CHEAT = process.argv.includes("--cheat");
const OUT = fileURLToPath(
  new URL(CHEAT ? "../screenshot-video-cheat.png" : "../screenshot-video.png", import.meta.url),
);

async function main(): Promise<void> {
  const missing = ensureChromium();
  if (missing !== undefined) throw new Error(missing);
  const work = mkdtempSync(join(tmpdir(), "theta-streaming-shot-"));
  const stack = await startStack({
    blockIntervalMs: 500,
    pageDir: join(work, "page"),
    log: (line) => console.error(`[theta] ${line}`),
  });
  const browser = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"],
    viewport: { width: 1080, height: 780 },
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${stack.page.url}?autoplay=1${CHEAT ? "&cheat=1" : ""}`);
    await page.waitForFunction(() => document.body.dataset.finished !== undefined, undefined, {
      timeout: 180_000,
    });
    const phase = await page.evaluate(() => document.body.dataset.finished);
    await page.screenshot({ path: OUT, fullPage: true });
    console.log(`wrote ${OUT} (the stream ended in phase '${phase}')`);
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
