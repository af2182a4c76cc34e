import { decodeAggregatedVotes, encodeAggregatedVotes } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromBytes } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateFromWire,
  aggregateToWire,
  createGuardianCheckpoint,
  createGuardianPool,
  mergeAggregates,
  signAggregate,
  validateAggregate,
} from "../src/index.ts";
import { createSimulation, FAKE_GCP_HASH } from "../src/testing/index.ts";

const N = 5;
const sks = Array.from({ length: N }, (_, i) => {
  const b = new Uint8Array(32);
  b[0] = 7;
  b[31] = i + 1;
  return blsSecretKeyFromBytes(b);
});
const pool = createGuardianPool(
  sks.map((sk, i) => ({
    address: new Uint8Array(20).fill(i + 1),
    stake: 10n,
    blsPubkey: blsPublicKey(sk).bytes,
    blsPop: blsPopProve(sk).bytes,
  })),
);
const block = new Uint8Array(32).fill(0x11);
const cp = createGuardianCheckpoint(block, FAKE_GCP_HASH, pool);
const single = sks.map((sk, i) => signAggregate(pool, sk, i, cp.message));

describe("guardian aggregates as core-types AggregatedVotes", () => {
  it("round-trips merged aggregates through the wire encoding and they still verify", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(N - 1), { minLength: 1, maxLength: 6 }), (order) => {
        let agg = single[order[0]!]!;
        for (const i of order.slice(1)) agg = mergeAggregates(agg, single[i]!) ?? agg;
        const wire = decodeAggregatedVotes(encodeAggregatedVotes(aggregateToWire(block, FAKE_GCP_HASH, agg)));
        const back = aggregateFromWire(wire);
        expect(Array.from(back.multiplies)).toEqual(Array.from(agg.multiplies));
        expect(back.signature.bytes).toEqual(agg.signature.bytes);
        expect(validateAggregate(pool, back, cp.message)).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it("rejects a nil signature with a ThetaError", () => {
    const wire = { ...aggregateToWire(block, FAKE_GCP_HASH, single[0]!), signature: undefined };
    expect(() => aggregateFromWire(wire)).toThrow(/expected a 96-byte BLS signature/);
  });
});

describe("guardian layer inside the validator simulation (4 validators, all guardians, real BLS)", () => {
  it("a finalized checkpoint is signed and gossiped; the next checkpoint block carries the aggregate", async () => {
    const sim = createSimulation({
      seed: 31n,
      nodes: 4,
      guardians: { checkpointInterval: 5n, roundLengthMs: 1000, maxRounds: 4 },
    });
    await sim.start();
    await sim.runFor(10_000);
    sim.checkSafety();
    expect(sim.errors).toEqual([]);
    const chain = sim.nodes[0]!.finalized;
    const withVotes = chain.filter((f) => f.block.header.guardianVotes !== undefined);
    expect(withVotes.length).toBeGreaterThan(0);
    for (const f of withVotes) {
      expect(f.height % 5n).toBe(1n);
      const votes = f.block.header.guardianVotes!;
      const voted = chain.find((x) => x.hash.every((b, i) => b === votes.block[i]))!;
      expect(voted.height % 5n).toBe(1n);
      expect(voted.height).toBeLessThan(f.height);
      expect(
        sim.nodes[1]!.guardian!.validate(votes, { gcpHash: FAKE_GCP_HASH, guardians: sim.spec.guardians! }),
      ).toBe(true);
    }
    // With all four guardians honest, the last full aggregate includes everyone: guardian-finalized.
    expect(withVotes.some((f) => f.block.header.guardianVotes!.multiplies.every((m) => m > 0))).toBe(true);
    for (const n of sim.nodes) expect(n.guardian!.guardianFinalized()).toBe(true);
  });
});
