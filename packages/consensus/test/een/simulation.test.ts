import { describe, expect, it } from "vitest";
import { runEenSimulation } from "../../src/testing/index.ts";

const base = {
  aggregators: 20,
  eens: 300,
  lossRate: 0.1,
  badSignatures: 15,
  wrongCheckpoint: 10,
  unsampled: 20,
  unstaked: 10,
  resends: 2,
} as const;

describe("EEN aggregation simulated (300 edge nodes, 20 aggregators, 10% loss)", () => {
  it("converges within 20 rounds on every valid vote; each aggregate covers a majority of EEN stake", async () => {
    const r = await runEenSimulation({ ...base, seed: 7n });
    expect(r.roundsToConverge).toBeDefined();
    expect(r.roundsToConverge!).toBeLessThanOrEqual(20);
    // Every honest sampled edge node reached some aggregator (3 peers, 3 sends at 10% loss) and is in.
    expect(r.signers).toBe(r.honestSampled);
    expect(r.honestSampled).toBe(255);
    for (const c of r.coverage) expect(c.stake * 2n > c.total).toBe(true);
    // Invalid, wrong-checkpoint, unsampled and unstaked votes, and repeats, were all refused.
    expect(r.votesRejected).toBeGreaterThan(0);
    for (const b of r.best) expect(b?.addresses.length).toBe(255);
  }, 120_000);

  it("is deterministic by seed", async () => {
    const a = await runEenSimulation({ ...base, seed: 11n, eens: 120, aggregators: 10 });
    const b = await runEenSimulation({ ...base, seed: 11n, eens: 120, aggregators: 10 });
    const c = await runEenSimulation({ ...base, seed: 12n, eens: 120, aggregators: 10 });
    const view = (x: typeof a) => [x.roundsToConverge, x.bytesPerAggregator, x.delivered, x.dropped, x.best];
    expect(view(a)).toEqual(view(b));
    expect(view(a)).not.toEqual(view(c));
  }, 120_000);

  it("does not converge when edge nodes reach no aggregator (lost network)", async () => {
    const r = await runEenSimulation({
      ...base,
      seed: 3n,
      eens: 50,
      aggregators: 5,
      lossRate: 0.999,
      rounds: 3,
    });
    expect(r.signers).toBeLessThan(r.honestSampled);
  }, 120_000);
});
