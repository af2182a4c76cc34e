import { describe, expect, it, vi } from "vitest";

// Counts the guardian engine's hash-to-G2 calls; everything else of @theta/crypto is the real thing.
const hashes = vi.hoisted(() => ({ n: 0 }));
vi.mock("@theta/crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("@theta/crypto")>();
  return {
    ...real,
    thetaHashToG2: (m: Uint8Array) => {
      hashes.n++;
      return real.thetaHashToG2(m);
    },
  };
});

const { createGuardianPool } = await import("../../src/guardian/aggregate.ts");
const { createGuardianEngine, ReceiveOutcome } = await import("../../src/guardian/engine.ts");
const { block, entries, gcp, honest, message } = await import("./guardianFixture.ts");

/** A node that only follows the chain starts a guardian round on every checkpoint it finalizes. */
describe("guardian engine: hash-to-G2 only when an aggregate is checked", () => {
  it("a checkpoint without aggregates hashes nothing; the first aggregate hashes once, the next reuse it", () => {
    const e = createGuardianEngine();
    const pool = createGuardianPool(entries);
    e.startNewBlock({ block, gcp, message, pool });
    e.startNewBlock({ block, gcp, message, pool });
    const before = hashes.n;
    expect(before).toBe(0);
    expect(e.receive(block, gcp, honest([0, 1]))).toBe(ReceiveOutcome.Adopted);
    expect(hashes.n).toBe(1);
    expect(e.receive(block, gcp, honest([2]))).toBe(ReceiveOutcome.Merged);
    expect(hashes.n).toBe(1);
  });
});
