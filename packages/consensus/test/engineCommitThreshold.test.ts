import { equalBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { selectProposer } from "../src/index.ts";
import { createSimulation } from "../src/testing/index.ts";

/**
 * The engine's commit rule (docs/consensus.md §2.6): a block is committed only when voters holding strictly
 * more than 2/3 of the stake voted for it. Validators that are down from the start never vote, so the
 * stake of the validators that are up decides whether anything commits or finalizes.
 *
 * `down` validators are taken from `candidates`, skipping the proposer drawn for epoch 1: that proposer
 * then proposes block 1 and the validators that are up vote for it. Without more than 2/3 of the stake
 * in votes the epoch cannot advance either (docs/consensus.md §2.5), so with exactly 2/3 up, block 1 is the only block
 * voted on, and it must stay uncommitted.
 */
async function runWithDown(opts: {
  readonly seed: bigint;
  readonly nodes: number;
  readonly stakes?: readonly bigint[];
  readonly candidates: readonly number[];
  readonly down: number;
}) {
  const sim = createSimulation({
    seed: opts.seed,
    nodes: opts.nodes,
    ...(opts.stakes === undefined ? {} : { stakes: opts.stakes }),
  });
  const first = selectProposer(sim.spec.validators, 1n).validator.address;
  const down = opts.candidates.filter((i) => !equalBytes(sim.nodes[i]!.address, first)).slice(0, opts.down);
  expect(down.length).toBe(opts.down);
  for (const i of down) await sim.crash(i);
  await sim.start();
  await sim.runFor(30_000);
  expect(sim.errors).toEqual([]);
  sim.checkSafety();
  const up = sim.nodes.filter((n) => !n.crashed);
  return {
    committed: up.map((n) => n.engine.status().highestCommittedHeight),
    finalized: up.map((n) => n.engine.status().lastFinalizedHeight),
    finalizedBlocks: up.map((n) => n.finalized.length),
    tips: up.map((n) => n.engine.status().height),
  };
}

describe("validator engine: commit needs strictly more than 2/3 of the stake", () => {
  it("3 validators of stake 1, one down: the two up hold exactly 2/3 and nothing commits or finalizes", async () => {
    const r = await runWithDown({ seed: 31n, nodes: 3, candidates: [0, 1, 2], down: 1 });
    // Block 1 is proposed and both validators that are up hold it and vote for it ...
    expect(r.tips).toEqual([1n, 1n]);
    // ... but 2 of 3 (3 · 2 > 2 · 3 is false) never certifies it.
    expect(r.committed).toEqual([0n, 0n]);
    expect(r.finalized).toEqual([0n, 0n]);
    expect(r.finalizedBlocks).toEqual([0, 0]);
  });

  it("3 validators of stake 1, all up (3/3 > 2/3): blocks commit and finalize", async () => {
    const r = await runWithDown({ seed: 32n, nodes: 3, candidates: [], down: 0 });
    for (const h of r.finalized) expect(h).toBeGreaterThanOrEqual(5n);
  });

  it("4 validators of stake 1, one down (3/4 > 2/3): blocks commit and finalize", async () => {
    const r = await runWithDown({ seed: 33n, nodes: 4, candidates: [0, 1, 2, 3], down: 1 });
    for (const h of r.finalized) expect(h).toBeGreaterThanOrEqual(5n);
  });

  it("4 validators of stake 1, two down (1/2): nothing commits", async () => {
    const r = await runWithDown({ seed: 34n, nodes: 4, candidates: [0, 1, 2, 3], down: 2 });
    expect(r.tips).toEqual([1n, 1n]);
    expect(r.committed).toEqual([0n, 0n]);
    expect(r.finalized).toEqual([0n, 0n]);
  });

  // Four equal stakes cannot make exactly 2/3 (1/4 steps); stakes 3,1,1,1 can: 3 + 1 = 4 of 6.
  it("4 validators of stakes 3,1,1,1, two of stake 1 down: the rest hold exactly 4/6 and nothing commits", async () => {
    const r = await runWithDown({
      seed: 35n,
      nodes: 4,
      stakes: [3n, 1n, 1n, 1n],
      candidates: [1, 2, 3],
      down: 2,
    });
    expect(r.tips).toEqual([1n, 1n]);
    expect(r.committed).toEqual([0n, 0n]);
    expect(r.finalized).toEqual([0n, 0n]);
  });

  it("4 validators of stakes 3,1,1,1, one of stake 1 down: 5/6 > 2/3 and blocks finalize", async () => {
    const r = await runWithDown({
      seed: 36n,
      nodes: 4,
      stakes: [3n, 1n, 1n, 1n],
      candidates: [1, 2, 3],
      down: 1,
    });
    for (const h of r.finalized) expect(h).toBeGreaterThanOrEqual(5n);
  });
});
