import { describe, expect, it } from "vitest";
import { runScenario, type Scenario } from "../src/testing/index.ts";

const base = (validators: number, seed: bigint): Scenario => ({
  seed,
  validators,
  network: { minDelayMs: 5, maxDelayMs: 80, lossRate: 0.05 },
  faults: [],
  partitions: [],
  disturbedMs: 20_000,
  calmMs: 15_000,
  minNewBlocks: 3n,
});

describe("scripted scenarios (safety and liveness checked by runScenario)", () => {
  it("4 validators: one crashes and restarts from its stores and catches up; a partition heals", async () => {
    const r = await runScenario({
      ...base(4, 11n),
      faults: [{ node: 3, crashAt: 3_000, downFor: 8_000 }],
      partitions: [{ at: 12_000, duration: 5_000, groupOf: [0, 0, 1, 1] }],
    });
    const restarted = r.sim.nodes[3]!;
    expect(restarted.engine.status().lastFinalizedHeight).toBeGreaterThanOrEqual(r.heightAtCalm);
    expect(restarted.evidence).toEqual([]);
  });

  it("4 validators: an equivocating proposer that votes for two forks is reported, by votes and by proposals", async () => {
    const r = await runScenario({
      ...base(4, 12n),
      faults: [{ node: 1, behaviour: { equivocate: true, doubleVote: true } }],
    });
    const kinds = new Set(r.sim.nodes.flatMap((n) => n.evidence.map((e) => e.kind)));
    expect([...kinds].sort()).toEqual(["proposal", "vote"]);
    const culprit = r.sim.nodes[1]!.address;
    for (const n of r.sim.nodes) {
      for (const e of n.evidence) {
        const who = e.kind === "vote" ? e.first.id : e.first.proposer;
        expect(who).toEqual(culprit);
      }
    }
  });

  it("7 validators: one Byzantine and one crashed for good", async () => {
    const r = await runScenario({
      ...base(7, 13n),
      faults: [
        { node: 1, behaviour: { equivocate: true, doubleVote: true } },
        { node: 4, crashAt: 2_000 },
      ],
    });
    expect(r.heightAtEnd).toBeGreaterThanOrEqual(r.heightAtCalm + 3n);
  });

  it("stake-weighted: two of four validators crash for good, holding 2/7 of the stake, and the chain goes on", async () => {
    const r = await runScenario({
      ...base(4, 14n),
      stakes: [4n, 1n, 1n, 1n],
      faults: [
        { node: 2, crashAt: 3_000 },
        { node: 3, crashAt: 5_000 },
      ],
    });
    expect(r.heightAtEnd).toBeGreaterThanOrEqual(r.heightAtCalm + 3n);
    // The heavy validator proposes most blocks (stake-weighted draw).
    const chain = r.sim.nodes[0]!.finalized;
    const heavy = chain.filter((f) =>
      f.block.header.proposer.every((b, i) => b === r.sim.nodes[0]!.address[i]),
    );
    expect(heavy.length * 2).toBeGreaterThan(chain.length);
  });
});
