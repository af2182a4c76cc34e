import { ThetaError } from "@theta/core-types";
import {
  blsAggregateSignatures,
  blsPopProve,
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
} from "@theta/crypto";
import { describe, expect, it } from "vitest";
import {
  createGuardianPool,
  createSeededRandom,
  type GuardianAggregate,
  isGuardianFinalized,
  mergeAggregates,
  signAggregate,
  validateAggregate,
} from "../src/index.ts";

const N = 12;
const sks = Array.from({ length: N }, (_, i) => {
  const b = new Uint8Array(32);
  b[31] = i + 1;
  b[0] = 7;
  return blsSecretKeyFromBytes(b);
});
const entries = sks.map((sk, i) => ({
  address: new Uint8Array(20).fill(i),
  stake: 1000n,
  blsPubkey: blsPublicKey(sk).bytes,
  blsPop: blsPopProve(sk).bytes,
}));
const pool = createGuardianPool(entries);
const message = Uint8Array.of(0xf8, 0x44, 1, 2, 3);

describe(`guardian aggregates on real BLS (${N} guardians)`, () => {
  it("random gossip merges stay valid, and the signer count decides guardian finality", () => {
    const rng = createSeededRandom(2024n);
    const votes: GuardianAggregate[] = sks.map((sk, i) => signAggregate(pool, sk, i, message));
    for (let step = 0; step < 30; step++) {
      const i = rng.nextInt(N);
      const j = rng.nextInt(N);
      const merged = mergeAggregates(votes[i] as GuardianAggregate, votes[j] as GuardianAggregate);
      if (merged !== undefined) votes[i] = merged;
    }
    for (const v of votes.slice(0, 4)) {
      expect(validateAggregate(pool, v, message), "seed 2024").toBe(true);
      const signers = v.multiplies.filter((m) => m > 0).length;
      expect(isGuardianFinalized(pool, v)).toBe(3 * signers > 2 * N);
    }
  });

  it("rejects an inflated aggregate (multiplicity raised without the signature)", () => {
    const a = signAggregate(pool, sks[0]!, 0, message);
    const b = signAggregate(pool, sks[1]!, 1, message);
    const m = mergeAggregates(a, b)!;
    const inflated = { ...m, multiplies: Uint32Array.from(m.multiplies, (x, i) => (i === 2 ? 1 : x)) };
    expect(validateAggregate(pool, m, message)).toBe(true);
    expect(validateAggregate(pool, inflated, message)).toBe(false);
  });

  it("rejects an invalid signature and a wrong-length vector", () => {
    const a = signAggregate(pool, sks[0]!, 0, message);
    const forged = { ...a, signature: blsSign(sks[1]!, message) };
    expect(validateAggregate(pool, forged, message)).toBe(false);
    expect(validateAggregate(pool, { ...a, multiplies: new Uint32Array(N + 1).fill(1, 0, 1) }, message)).toBe(
      false,
    );
  });

  it("overlapping aggregates merge with multiplicities and still verify", () => {
    const ab = mergeAggregates(
      signAggregate(pool, sks[0]!, 0, message),
      signAggregate(pool, sks[1]!, 1, message),
    )!;
    const bc = mergeAggregates(
      signAggregate(pool, sks[1]!, 1, message),
      signAggregate(pool, sks[2]!, 2, message),
    )!;
    const abc = mergeAggregates(ab, bc)!;
    expect(Array.from(abc.multiplies.slice(0, 3))).toEqual([1, 2, 1]);
    expect(validateAggregate(pool, abc, message)).toBe(true);
    expect(mergeAggregates(abc, ab)).toBeUndefined();
    expect(blsAggregateSignatures([ab.signature, bc.signature]).bytes).toEqual(abc.signature.bytes);
  });

  it("checks the proof of possession of every guardian key", () => {
    const bad = entries.map((e, i) => (i === 5 ? { ...e, blsPop: entries[4]!.blsPop } : e));
    expect(() => createGuardianPool(bad)).toThrow(ThetaError);
  });
});
