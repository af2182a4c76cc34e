/**
 * The streaming demo end to end: a privatenet node, two relays and the viewer page on 127.0.0.1,
 * the page driven in headless Chromium. An honest viewer plays six chunks from the two relays;
 * once both settlements are in finalized blocks each relay's balance must have grown by its chunks
 * times the price less the settlement fee it paid (docs/ledger.md §5.6: the target pays the fee),
 * and the pool's used fund must equal every chunk delivered. A cheating viewer is refused by the
 * second relay, which sees the first relay's payments (overspend detection).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, hexToBytes } from "@theta/core-types";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from "../../../e2e/browser/harness/chromium.ts";
import { syntheticMedia } from "../src/media.ts";
import { ROLES } from "../src/node.ts";
import { CHUNK_SIZE, PRICE_PER_CHUNK, RESERVE_FEE, SETTLEMENT_FEE } from "../src/protocol.ts";
import { createRpc, type ThetaRpc } from "../src/rpc.ts";
import { type Stack, startStack } from "../src/stack.ts";
import type { StreamState } from "../src/viewer/session.ts";

const missing = ensureChromium();
if (missing !== undefined) console.warn(`streaming demo test skipped: ${missing}`);

const N = 6;
const addr = (hex: string): Address => hexToBytes(hex);

describe.skipIf(missing !== undefined)("the streaming demo in headless Chromium", () => {
  let work: string;
  let stack: Stack;
  let rpc: ThetaRpc;
  let browser: BrowserContext;

  const balance = async (hex: string) => (await rpc.account(addr(hex)))!.balance.tfuelWei;
  const pool = async (hex: string) => (await rpc.account(addr(hex)))!.reservedFunds;

  async function play(query: string): Promise<StreamState> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(`${stack.page.url}?autoplay=1&${query}`);
      await page.waitForFunction(() => document.body.dataset.finished !== undefined, undefined, {
        timeout: 150_000,
      });
      expect(errors).toEqual([]);
      // The page as the viewer left it: kept where STREAMING_SCREENSHOT_DIR says (the README's
      // screenshot.png and screenshot-cheat.png), else in the test's temporary directory.
      const name = query.includes("cheat=1") ? "screenshot-cheat.png" : "screenshot.png";
      const shot = join(process.env.STREAMING_SCREENSHOT_DIR ?? work, name);
      await page.screenshot({ path: shot, fullPage: true });
      expect([...readFileSync(shot).subarray(0, 8)]).toEqual([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
      ]);
      return await page.evaluate(() => (globalThis as unknown as { streamState: StreamState }).streamState);
    } finally {
      await page.close();
    }
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "theta-streaming-test-"));
    stack = await startStack({
      blockIntervalMs: 300,
      media: syntheticMedia(10 * CHUNK_SIZE),
      pageDir: join(work, "page"),
      log: (line) => process.stderr.write(`[theta] ${line}\n`),
    });
    rpc = createRpc(stack.rpcUrl);
    browser = await chromium.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1080, height: 780 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("plays N chunks, and the settled amounts on chain equal the chunks delivered", async () => {
    const before = {
      a: await balance(ROLES.relayA),
      b: await balance(ROLES.relayB),
      viewer: await balance(ROLES.viewer),
    };
    const s = await play(`chunks=${N}`);
    expect(s.log.filter((l) => l.startsWith("error"))).toEqual([]);
    expect(s.phase).toBe("done");
    expect(s.chunks).toBe(N);
    expect(s.bytes).toBe(N * CHUNK_SIZE);
    expect(s.settlements.map((x) => x.status)).toEqual(["finalized", "finalized"]);

    // Chunks alternate between the relays: A serves 0, 2, 4 and B 1, 3, 5.
    const perRelay = BigInt(N / 2) * PRICE_PER_CHUNK;
    expect((await balance(ROLES.relayA)) - before.a).toBe(perRelay - SETTLEMENT_FEE);
    expect((await balance(ROLES.relayB)) - before.b).toBe(perRelay - SETTLEMENT_FEE);

    const fund = BigInt(stack.config.fund);
    expect(fund).toBe(2n * 10n * PRICE_PER_CHUNK);
    const [reserved] = await pool(ROLES.viewer);
    expect(reserved!.reserveSequence).toBe(BigInt(s.reserveSequence));
    expect(reserved!.initialFund.tfuelWei).toBe(fund);
    expect(reserved!.usedFund.tfuelWei).toBe(BigInt(N) * PRICE_PER_CHUNK);
    expect(reserved!.transferRecords.map((r) => r.source.coins.tfuelWei)).toEqual([perRelay, perRelay]);
    // The viewer locked fund + collateral (twice the fund) and paid the reserve fee; the pool
    // pays the relays out of the locked fund, so the viewer's balance moved only once.
    expect(before.viewer - (await balance(ROLES.viewer))).toBe(fund + 2n * fund + RESERVE_FEE);
    expect(BigInt(s.usedFund)).toBe(BigInt(N) * PRICE_PER_CHUNK);
  });

  it("refuses a cheating viewer at the second relay, which sees the first relay's payments", async () => {
    const before = { a: await balance(ROLES.relayA), b: await balance(ROLES.relayB) };
    const s = await play(`chunks=${N}&cheat=1`);
    // The pool holds 3 chunks' worth; chunk 3 (B's second) would make 4 promised across relays.
    expect(s.phase).toBe("refused");
    expect(s.refusal).toMatchObject({ relay: "relay B", code: "STREAM_OVERSPEND_DETECTED" });
    expect(s.chunks).toBe(3);
    expect(s.settlements.map((x) => x.status)).toEqual(["finalized", "finalized"]);
    expect((await balance(ROLES.relayA)) - before.a).toBe(2n * PRICE_PER_CHUNK - SETTLEMENT_FEE);
    expect((await balance(ROLES.relayB)) - before.b).toBe(PRICE_PER_CHUNK - SETTLEMENT_FEE);
    const [reserved] = await pool(ROLES.cheater);
    expect(reserved!.usedFund.tfuelWei).toBe(3n * PRICE_PER_CHUNK);
    expect(reserved!.usedFund.tfuelWei).toBe(reserved!.initialFund.tfuelWei);
  });
});
