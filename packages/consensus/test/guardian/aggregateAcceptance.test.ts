import { ThetaError } from "@theta/core-types";
import { blsAggregateSignatures } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { createGuardianPool } from "../../src/guardian/aggregate.ts";
import {
  createGuardianEngine,
  type GuardianCheckpoint,
  type GuardianEngine,
  ReceiveOutcome,
} from "../../src/guardian/engine.ts";
import {
  agg,
  block,
  entries,
  gcp,
  honest,
  message,
  otherBlock,
  otherGcp,
  scaled,
  sig,
  sks,
} from "./guardianFixture.ts";

/**
 * The guardian engine's acceptance of aggregates (docs/consensus.md §3.4): only aggregates of the current
 * checkpoint and pool that verify are adopted or merged; rounds, and the vote broadcast each round.
 */
const checkpoint = (): GuardianCheckpoint => ({ block, gcp, message, pool: createGuardianPool(entries) });
const multiplies = (e: GuardianEngine): number[] | undefined => {
  const b = e.best();
  return b === undefined ? undefined : Array.from(b.multiplies);
};

describe("guardian engine: which aggregates it takes", () => {
  it("before any checkpoint it holds nothing and ignores everything", () => {
    const e = createGuardianEngine();
    expect(e.receive(block, gcp, honest([0, 1, 3]))).toBe(ReceiveOutcome.Ignored);
    expect(e.best()).toBeUndefined();
    expect(e.tick()).toBeUndefined();
    expect(e.round()).toBe(0);
    expect(e.guardianFinalized()).toBe(false);
  });

  it("a guardian signs the checkpoint and merges verified aggregates that add signers", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint(), { index: 0, sk: sks[0]! });
    expect(e.round()).toBe(1);
    expect(multiplies(e)).toEqual([1, 0, 0, 0]);
    expect(e.guardianFinalized()).toBe(false);
    expect(e.receive(block, gcp, honest([1]))).toBe(ReceiveOutcome.Merged);
    expect(multiplies(e)).toEqual([1, 1, 0, 0]);
    expect(e.best()!.signature.bytes).toEqual(blsAggregateSignatures([sig(0), sig(1)]).bytes);
    // Nothing new: ignored, unchanged.
    expect(e.receive(block, gcp, honest([0, 1]))).toBe(ReceiveOutcome.Ignored);
    expect(multiplies(e)).toEqual([1, 1, 0, 0]);
    // Overlapping but adding guardian 3: merged with multiplicities; 5 of 6 stake is final.
    expect(e.receive(block, gcp, honest([1, 3]))).toBe(ReceiveOutcome.Merged);
    expect(multiplies(e)).toEqual([1, 2, 0, 1]);
    expect(e.guardianFinalized()).toBe(true);
  });

  it("exactly 2/3 of the guardian stake is not final", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint(), { index: 0, sk: sks[0]! });
    expect(e.receive(block, gcp, honest([1, 2]))).toBe(ReceiveOutcome.Merged);
    expect(e.guardianFinalized()).toBe(false);
  });

  it("an aggregate that does not verify is ignored, even when it would add signers", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint(), { index: 0, sk: sks[0]! });
    for (const forged of [
      agg([0, 1, 1, 1], [1]),
      agg([0, 1, 0, 1], [1, 3], otherGcp),
      { ...honest([1, 3]), multiplies: Uint32Array.from([0, 2, 0, 1]) },
      agg([0, 0, 0, 1], [-1]),
    ]) {
      expect(e.receive(block, gcp, forged)).toBe(ReceiveOutcome.Ignored);
    }
    expect(multiplies(e)).toEqual([1, 0, 0, 0]);
    expect(e.guardianFinalized()).toBe(false);
  });

  it("aggregates naming another block or pool, or of another length, are ignored", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint(), { index: 0, sk: sks[0]! });
    expect(e.receive(otherBlock, gcp, honest([1, 3]))).toBe(ReceiveOutcome.Ignored);
    expect(e.receive(block, otherGcp, honest([1, 3]))).toBe(ReceiveOutcome.Ignored);
    expect(e.receive(block, gcp, agg([0, 1, 0], [1]))).toBe(ReceiveOutcome.Ignored);
    expect(e.receive(block, gcp, agg([0, 1, 0, 0, 0], [1]))).toBe(ReceiveOutcome.Ignored);
    expect(multiplies(e)).toEqual([1, 0, 0, 0]);
  });

  it("a merge that would overflow a multiplicity is ignored", () => {
    const e = createGuardianEngine({ passThrough: false });
    e.startNewBlock(checkpoint());
    const huge = {
      multiplies: Uint32Array.from([0, 0xffffffff, 0, 0]),
      signature: scaled(1, 0xffffffffn),
    };
    expect(e.receive(block, gcp, huge)).toBe(ReceiveOutcome.Adopted);
    const plus = {
      multiplies: Uint32Array.from([1, 1, 0, 0]),
      signature: blsAggregateSignatures([sig(0), sig(1)]),
    };
    expect(e.receive(block, gcp, plus)).toBe(ReceiveOutcome.Ignored);
    expect(multiplies(e)).toEqual([0, 0xffffffff, 0, 0]);
  });

  it("a relay (no key) adopts the first verified aggregate, then merges", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint());
    expect(e.best()).toBeUndefined();
    expect(e.receive(block, gcp, agg([0, 1, 1, 0], [1]))).toBe(ReceiveOutcome.Ignored);
    expect(e.best()).toBeUndefined();
    expect(e.receive(block, gcp, honest([2]))).toBe(ReceiveOutcome.Adopted);
    expect(e.receive(block, gcp, honest([1]))).toBe(ReceiveOutcome.Merged);
    expect(multiplies(e)).toEqual([0, 1, 1, 0]);
  });

  it("a pass-through relay picks the aggregate with more signers instead of merging", () => {
    const e = createGuardianEngine({ passThrough: true });
    e.startNewBlock(checkpoint());
    expect(e.receive(block, gcp, agg([1, 1, 0, 0], [0]))).toBe(ReceiveOutcome.Ignored);
    expect(e.receive(block, gcp, honest([2]))).toBe(ReceiveOutcome.Adopted);
    expect(e.receive(block, gcp, honest([1]))).toBe(ReceiveOutcome.Ignored); // as many signers
    expect(multiplies(e)).toEqual([0, 0, 1, 0]);
    expect(e.receive(block, gcp, agg([1, 1, 0, 1], [0]))).toBe(ReceiveOutcome.Ignored); // does not verify
    expect(e.receive(block, gcp, honest([0, 1]))).toBe(ReceiveOutcome.Adopted);
    expect(multiplies(e)).toEqual([1, 1, 0, 0]);
    expect(e.guardianFinalized()).toBe(false);
    expect(e.receive(block, gcp, honest([0, 1, 3]))).toBe(ReceiveOutcome.Adopted);
    expect(e.guardianFinalized()).toBe(true);
  });
});

describe("guardian engine: rounds", () => {
  it("broadcasts the vote of the previous round, and freezes it once rounds reach the cap", () => {
    const e = createGuardianEngine({ maxRounds: 3 });
    e.startNewBlock(checkpoint(), { index: 0, sk: sks[0]! });
    e.receive(block, gcp, honest([1]));
    expect(Array.from(e.tick()!.multiplies)).toEqual([1, 0, 0, 0]);
    expect(e.round()).toBe(2);
    expect(Array.from(e.tick()!.multiplies)).toEqual([1, 1, 0, 0]);
    expect(e.round()).toBe(3);
    e.receive(block, gcp, honest([3]));
    expect(Array.from(e.tick()!.multiplies)).toEqual([1, 1, 0, 0]); // frozen at the cap
    expect(e.round()).toBe(3);
    expect(Array.from(e.tick()!.multiplies)).toEqual([1, 1, 0, 0]);
    expect(multiplies(e)).toEqual([1, 1, 0, 1]); // the best still improves
  });

  it("the default cap is 10 rounds", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint());
    for (let i = 0; i < 12; i++) e.tick();
    expect(e.round()).toBe(10);
  });

  it("a new checkpoint resets the round and the votes", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint(), { index: 0, sk: sks[0]! });
    e.receive(block, gcp, honest([1]));
    e.tick();
    e.startNewBlock(checkpoint());
    expect(e.round()).toBe(1);
    expect(e.best()).toBeUndefined();
    expect(e.tick()).toBeUndefined();
  });

  it("a guardian whose key signs elsewhere joins with its signature and index", () => {
    const e = createGuardianEngine();
    e.startNewBlock(checkpoint(), { index: 3, signature: sig(3) });
    expect(multiplies(e)).toEqual([0, 0, 0, 1]);
    expect(e.best()!.signature).toBe(sig(3));
    expect(e.receive(block, gcp, honest([0, 1]))).toBe(ReceiveOutcome.Merged);
    expect(e.guardianFinalized()).toBe(true);
    e.startNewBlock(checkpoint(), { index: 0, signature: sig(0) });
    expect(multiplies(e)).toEqual([1, 0, 0, 0]);
    for (const bad of [-1, 4, 0.5]) {
      let code: string | undefined;
      try {
        e.startNewBlock(checkpoint(), { index: bad, signature: sig(0) });
      } catch (err) {
        code = err instanceof ThetaError ? err.code : "other";
        expect(String(err)).toContain(`expected 0..3, got ${bad}`);
      }
      expect(code).toBe("GUARDIAN_SIGNER_OUT_OF_RANGE");
    }
  });
});
