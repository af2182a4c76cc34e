import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FaultSpec, type PartitionSpec, runScenario, type Scenario } from "../src/testing/index.ts";

/**
 * Random schedules for the validator engine: seeded delays and reordering, message loss, partitions that
 * heal, crashes with or without restart, equivocating proposers and votes for two forks, on fewer than a
 * third of the validators. Every run checks safety and then liveness in a calm phase. A failure prints
 * fast-check's seed and path, and the scenario itself; set THETA_SIM_SEED (and THETA_SIM_PATH) to replay.
 */
/** Blocks every up node must finalize in the calm phase (crashed proposers can cost several epochs). */
const MIN_NEW_BLOCKS = 2n;

function scenarioArb(n: number, disturbedMs: number, calmMs: number): fc.Arbitrary<Scenario> {
  const DISTURBED_MS = disturbedMs;
  const maxFaulty = Math.floor((n - 1) / 3);
  const fault = fc.record({
    node: fc.nat(n - 1),
    kind: fc.constantFrom("crash", "restart", "equivocate", "doubleVote", "both"),
    crashAt: fc.integer({ min: 0, max: DISTURBED_MS - 2_000 }),
    downFor: fc.integer({ min: 500, max: 8_000 }),
  });
  const partition = fc.record({
    at: fc.integer({ min: 0, max: DISTURBED_MS - 6_000 }),
    duration: fc.integer({ min: 500, max: 5_000 }),
    groupOf: fc.array(fc.nat(2), { minLength: n, maxLength: n }),
  });
  return fc
    .record({
      seed: fc.bigInt({ min: 0n, max: (1n << 62n) - 1n }),
      minDelayMs: fc.integer({ min: 1, max: 30 }),
      spreadMs: fc.integer({ min: 0, max: 250 }),
      lossRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
      faults: fc.uniqueArray(fault, { selector: (f) => f.node, maxLength: maxFaulty }),
      partitions: fc.array(partition, { maxLength: 2 }),
    })
    .map((r) => ({
      seed: r.seed,
      validators: n,
      network: { minDelayMs: r.minDelayMs, maxDelayMs: r.minDelayMs + r.spreadMs, lossRate: r.lossRate },
      faults: r.faults.map((f): FaultSpec => {
        switch (f.kind) {
          case "crash":
            return { node: f.node, crashAt: f.crashAt };
          case "restart":
            return {
              node: f.node,
              crashAt: f.crashAt,
              downFor: Math.min(f.downFor, DISTURBED_MS - f.crashAt),
            };
          case "equivocate":
            return { node: f.node, behaviour: { equivocate: true } };
          case "doubleVote":
            return { node: f.node, behaviour: { doubleVote: true } };
          default:
            return { node: f.node, behaviour: { equivocate: true, doubleVote: true } };
        }
      }),
      partitions: r.partitions as PartitionSpec[],
      disturbedMs: DISTURBED_MS,
      calmMs,
      minNewBlocks: MIN_NEW_BLOCKS,
    }));
}

const replay = (): { seed: number; path?: string } | Record<string, never> => {
  const seed = process.env.THETA_SIM_SEED;
  if (seed === undefined) return {};
  const path = process.env.THETA_SIM_PATH;
  return path === undefined ? { seed: Number(seed) } : { seed: Number(seed), path };
};

async function check(n: number, numRuns: number, disturbedMs: number, calmMs: number): Promise<number> {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(scenarioArb(n, disturbedMs, calmMs), async (s) => {
      runs++;
      const r = await runScenario(s);
      expect(r.heightAtEnd).toBeGreaterThanOrEqual(r.heightAtCalm + MIN_NEW_BLOCKS);
    }),
    { numRuns, endOnFailure: true, ...replay() },
  );
  return runs;
}

describe("random schedules: safety on every run, liveness with < 1/3 faulty stake", () => {
  it("4 validators", async () => {
    expect(await check(4, 12, 16_000, 16_000)).toBe(12);
  });
  it("7 validators", async () => {
    expect(await check(7, 6, 16_000, 16_000)).toBe(6);
  });
  it("31 validators", async () => {
    expect(await check(31, 2, 8_000, 12_000)).toBe(2);
  });
});
