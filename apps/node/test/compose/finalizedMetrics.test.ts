import type { FinalizedBlock } from "@theta/consensus";
import { describe, expect, it } from "vitest";
import { finalizedMetrics, SYNC_FINALIZED_LOG_MS } from "../../src/compose/finalizedMetrics.ts";
import { createNodeMetrics } from "../../src/metrics/nodeMetrics.ts";

const block = (height: bigint): FinalizedBlock =>
  ({ height, hash: new Uint8Array(32), block: { header: {}, txs: [] } }) as unknown as FinalizedBlock;

/** The callback over fakes; `lines` gets each debug line's message and fields. */
function setup(syncing: () => boolean) {
  const lines: { msg: string; fields: Record<string, unknown> }[] = [];
  let now = 0;
  const onFinalized = finalizedMetrics({
    crypto: { txHash: () => new Uint8Array(32) as never },
    executor: { forget: () => undefined },
    live: { finalized: () => undefined },
    mempool: { size: 0 },
    engine: { status: () => ({ height: 0n }) as never },
    metrics: createNodeMetrics({ knownMethods: () => [] }),
    log: { debug: ((fields: Record<string, unknown>, msg: string) => lines.push({ msg, fields })) as never },
    guardianFinality: { current: () => undefined },
    syncing,
    now: () => now,
  });
  const advance = (ms: number): void => {
    now += ms;
  };
  return { lines, onFinalized, advance };
}

describe("the finalized-block log line", () => {
  it("is written for every block when the node is not syncing", () => {
    const { lines, onFinalized } = setup(() => false);
    for (let h = 1n; h <= 50n; h++) onFinalized(block(h));
    expect(lines).toHaveLength(50);
    expect(lines.every((l) => l.msg === "block finalized")).toBe(true);
  });

  it("while syncing, is written at most once per period and counts the blocks since the last line", () => {
    const { lines, onFinalized, advance } = setup(() => true);
    // 1,000 blocks over 3.5 periods, 3.5 ms apart.
    const step = (SYNC_FINALIZED_LOG_MS * 3.5) / 1000;
    for (let h = 1n; h <= 1000n; h++) {
      onFinalized(block(h));
      advance(step);
    }
    expect(lines).toHaveLength(4);
    expect(lines[0]?.fields).toEqual({ height: "1", blocks: 1 });
    // Every block is counted in exactly one line or still pending after the last.
    const counted = lines.reduce((n, l) => n + Number(l.fields.blocks), 0);
    expect(counted).toBeLessThanOrEqual(1000);
    expect(counted).toBeGreaterThan(1000 - 1000 / 3.5);
  });
});
