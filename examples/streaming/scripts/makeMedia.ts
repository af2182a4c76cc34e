/**
 * `npm run make-media`: makes media/sample.webm locally, without any download: headless Chromium
 * draws an animated test card on a canvas and records it with MediaRecorder (VP8 WebM).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from "../../../e2e/browser/harness/chromium.ts";
import { SAMPLE_WEBM } from "../src/media.ts";

const SECONDS = Number(process.argv[2] ?? 8);

/** Runs in the page: records SECONDS of an animated canvas, returns the WebM as base64. */
async function record(seconds: number): Promise<string> {
  const canvas = document.createElement("canvas");
  canvas.width = 640;
  canvas.height = 360;
  document.body.append(canvas);
  const ctx = canvas.getContext("2d")!;
  const recorder = new MediaRecorder(canvas.captureStream(25), {
    mimeType: "video/webm;codecs=vp8",
    videoBitsPerSecond: 600_000,
  });
  const parts: Blob[] = [];
  recorder.ondataavailable = (e) => parts.push(e.data);
  const done = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });
  const colors = ["#c0c0c0", "#c0c000", "#00c0c0", "#00c000", "#c000c0", "#c00000", "#0000c0"];
  const start = performance.now();
  const draw = () => {
    const t = (performance.now() - start) / 1000;
    colors.forEach((c, i) => {
      ctx.fillStyle = c;
      ctx.fillRect((i * 640) / 7, 0, 640 / 7 + 1, 360);
    });
    ctx.fillStyle = "rgba(0,0,0,0.65)";
    ctx.fillRect(120, 120, 400, 120);
    ctx.fillStyle = "#fff";
    ctx.font = "bold 34px sans-serif";
    ctx.fillText("THETA pay-per-byte", 150, 170);
    ctx.font = "28px monospace";
    ctx.fillText(`t = ${t.toFixed(2)} s`, 150, 215);
    ctx.beginPath();
    ctx.arc(320 + 260 * Math.cos(t * 2), 300, 22, 0, 2 * Math.PI);
    ctx.fillStyle = "#ff6b00";
    ctx.fill();
    if (recorder.state === "recording") requestAnimationFrame(draw);
  };
  recorder.start(1000);
  draw();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(parts, { type: "video/webm" }).arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

async function main(): Promise<void> {
  const missing = ensureChromium();
  if (missing !== undefined) throw new Error(missing);
  const work = mkdtempSync(join(tmpdir(), "theta-make-media-"));
  const browser = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a `__name` helper the page does not have.
    await page.addInitScript("globalThis.__name = (f) => f");
    await page.goto("about:blank");
    const b64 = await page.evaluate(record, SECONDS);
    mkdirSync(dirname(SAMPLE_WEBM), { recursive: true });
    writeFileSync(SAMPLE_WEBM, Buffer.from(b64, "base64"));
    console.log(`wrote ${SAMPLE_WEBM} (${Buffer.from(b64, "base64").length} bytes, ${SECONDS} s)`);
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
