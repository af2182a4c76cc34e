import { describe, expect, it } from "vitest";
import {
  averageDegree,
  createSeededRandom,
  pickByzantine,
  randomGraph,
  runGossipModel,
  runGossipOnGraph,
} from "../src/index.ts";

describe("guardian gossip model (docs/consensus.md §6.1)", () => {
  it("builds graphs with about the requested average degree", () => {
    const g = randomGraph(300, 20, createSeededRandom(5n));
    const d = averageDegree(g);
    expect(d).toBeGreaterThan(18);
    expect(d).toBeLessThanOrEqual(20);
  });

  for (const share of [0, 0.1, 0.2, 0.3]) {
    it(`converges within 6 iterations with ${share * 100}% Byzantine (n = 300, degree 20)`, () => {
      const seed = 17n + BigInt(share * 10);
      const r = runGossipModel(
        { guardians: 300, degree: 20, byzantineShare: share, maxIterations: 30 },
        createSeededRandom(seed),
      );
      expect(r.converged, `seed ${seed}`).toBe(true);
      expect(r.iterations, `seed ${seed}`).toBeLessThanOrEqual(6);
      expect(r.maxMultiplicity).toBeGreaterThanOrEqual(1);
    });
  }

  it("is fully determined by its seed", () => {
    const opts = { guardians: 200, degree: 20, byzantineShare: 0.2, maxIterations: 30 };
    expect(runGossipModel(opts, createSeededRandom(9n))).toEqual(
      runGossipModel(opts, createSeededRandom(9n)),
    );
  });

  it("does not converge when too many guardians are silent (only 60% honest)", () => {
    const rng = createSeededRandom(3n);
    const g = randomGraph(150, 20, rng);
    const r = runGossipOnGraph(g, pickByzantine(150, 0.4, rng), {
      guardians: 150,
      degree: 20,
      byzantineShare: 0.4,
      maxIterations: 10,
    });
    expect(r.converged).toBe(false);
  });

  it("the paper's plain-sum rule yields multiplicities at least as large as the merge rule", () => {
    const rng = createSeededRandom(11n);
    const g = randomGraph(200, 20, rng);
    const byz = pickByzantine(200, 0.1, rng);
    const base = { guardians: 200, degree: 20, byzantineShare: 0.1, maxIterations: 30 };
    const merge = runGossipOnGraph(g, byz, { ...base, rule: "merge" });
    const sum = runGossipOnGraph(g, byz, { ...base, rule: "sum" });
    expect(sum.maxMultiplicity).toBeGreaterThanOrEqual(merge.maxMultiplicity);
  });
});
