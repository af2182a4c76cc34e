import { describe, expect, it } from "vitest";
import { createSimulation } from "../src/testing/index.ts";

describe("validator engine on the simulated network", () => {
  it("a single validator produces and finalizes a block every interval on its own", async () => {
    const sim = createSimulation({ seed: 1n, nodes: 1, blockIntervalMs: 2000 });
    await sim.start();
    await sim.runFor(60_000);
    const n = sim.nodes[0]!;
    expect(sim.errors).toEqual([]);
    const st = n.engine.status();
    // Blocks come one interval apart; the newest two are committed but not yet finalized.
    expect(BigInt(n.finalized.length)).toBe(st.lastFinalizedHeight);
    expect(st.lastFinalizedHeight).toBeGreaterThanOrEqual(28n);
    sim.checkSafety();
  });

  it("4 validators finalize on a lossless network", async () => {
    const sim = createSimulation({ seed: 2n, nodes: 4 });
    await sim.start();
    await sim.runFor(60_000);
    expect(sim.errors).toEqual([]);
    sim.checkSafety();
    expect(sim.minFinalizedHeight()).toBeGreaterThan(20n);
  });

  it("a long single-validator run keeps finalizing past the 256-block in-memory window; the store keeps every block", async () => {
    const sim = createSimulation({ seed: 4n, nodes: 1, blockIntervalMs: 100 });
    await sim.start();
    await sim.runFor(40_000);
    const n = sim.nodes[0]!;
    expect(sim.errors).toEqual([]);
    expect(n.engine.status().lastFinalizedHeight).toBeGreaterThan(300n);
    expect(n.finalized.map((f) => f.height)).toEqual(n.finalized.map((_, i) => BigInt(i + 1)));
    expect(n.store.size()).toBe(Number(n.engine.status().height));
  });
});

describe("the engine shows received blocks to the executor's prepare", () => {
  it("each validator is told of the blocks its peers send, above its last finalized height", async () => {
    const sim = createSimulation({ seed: 2n, nodes: 4 });
    await sim.start();
    await sim.runFor(20_000);
    expect(sim.errors).toEqual([]);
    for (const n of sim.nodes) {
      const told = n.executor.prepared();
      expect(told.length).toBeGreaterThan(0);
      expect(told.every((h) => h > 0n)).toBe(true);
    }
    sim.checkSafety();
  });
});
