import { ThetaError } from "@theta/core-types";
import { blsAggregateSignatures, blsPopProve, blsPublicKey, thetaHashToG2 } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import {
  createGuardianPool,
  GuardianErrorCode,
  isGuardianFinalized,
  mergeAggregates,
  signAggregate,
  signerStake,
  validateAggregate,
} from "../../src/guardian/aggregate.ts";
import { MultiplicityErrorCode } from "../../src/guardian/multiplicity.ts";
import { agg, entries, honest, message, N, otherGcp, outsider, scaled, sig, sks } from "./guardianFixture.ts";

/**
 * Guardian pools and aggregates (docs/consensus.md §3.3–§3.5, docs/decisions.md §5): proofs of possession,
 * signing, the merge rule, `Validate(gcp)` and the strict 2/3 finality rule.
 */
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof ThetaError ? e.code : "not a ThetaError";
  }
  return undefined;
};

describe("guardian pool", () => {
  it("holds the entries in order, their decoded keys and the total stake", () => {
    const pool = createGuardianPool(entries);
    expect(pool.entries).toBe(entries);
    expect(pool.keys.map((k) => k.bytes)).toEqual(entries.map((e) => e.blsPubkey));
    expect(pool.totalStake).toBe(6n);
  });

  it("accepts valid proofs of possession and names the first bad one", () => {
    const withPops = entries.map((e, i) => ({ ...e, blsPop: blsPopProve(sks[i]!).bytes }));
    expect(createGuardianPool(withPops).keys).toHaveLength(N);
    const swapped = withPops.map((e, i) => (i === 2 ? { ...e, blsPop: withPops[1]!.blsPop } : e));
    let thrown: unknown;
    try {
      createGuardianPool(swapped);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ThetaError);
    expect((thrown as ThetaError).code).toBe(GuardianErrorCode.BadProofOfPossession);
    expect((thrown as ThetaError).message).toContain("guardians[2].blsPop");
  });

  it("rejects a key that does not decode, and a PoP that does not decode", () => {
    const badKey = entries.map((e, i) => (i === 1 ? { ...e, blsPubkey: new Uint8Array(48).fill(0xff) } : e));
    expect(codeOf(() => createGuardianPool(badKey))).toBe(GuardianErrorCode.BadProofOfPossession);
    expect(() => createGuardianPool(badKey)).toThrow("guardians[1].blsPop");
    const badPop = entries.map((e, i) => (i === 3 ? { ...e, blsPop: new Uint8Array(96).fill(0xff) } : e));
    expect(codeOf(() => createGuardianPool(badPop))).toBe(GuardianErrorCode.BadProofOfPossession);
  });
});

describe("signing and merging", () => {
  it("a fresh aggregate holds the signer alone, once", () => {
    const pool = createGuardianPool(entries);
    const a = signAggregate(pool, sks[2]!, 2, message);
    expect(Array.from(a.multiplies)).toEqual([0, 0, 1, 0]);
    expect(a.signature.bytes).toEqual(sig(2).bytes);
    expect(validateAggregate(pool, a, message)).toBe(true);
  });

  it("refuses a signer index outside the pool", () => {
    const pool = createGuardianPool(entries);
    for (const bad of [-1, N, 1.5]) {
      expect(codeOf(() => signAggregate(pool, sks[0]!, bad, message))).toBe(
        GuardianErrorCode.SignerOutOfRange,
      );
    }
    expect(() => signAggregate(pool, sks[0]!, N, message)).toThrow(`expected 0..${N - 1}, got ${N}`);
    expect(Array.from(signAggregate(pool, sks[N - 1]!, N - 1, message).multiplies)).toEqual([0, 0, 0, 1]);
    expect(Array.from(signAggregate(pool, sks[0]!, 0, message).multiplies)).toEqual([1, 0, 0, 0]);
  });

  it("merging adds multiplicities and signatures; an aggregate adding no signer merges to nothing", () => {
    const a = honest([0, 1]);
    const b = honest([1, 2]);
    const m = mergeAggregates(a, b);
    expect(Array.from(m!.multiplies)).toEqual([1, 2, 1, 0]);
    expect(m!.signature.bytes).toEqual(blsAggregateSignatures([a.signature, b.signature]).bytes);
    expect(mergeAggregates(a, honest([1]))).toBeUndefined();
    expect(mergeAggregates(a, a)).toBeUndefined();
  });
});

describe("validating an aggregate", () => {
  it("accepts honest aggregates, with or without the pre-hashed message", () => {
    const pool = createGuardianPool(entries);
    expect(validateAggregate(pool, honest([0, 1, 3]), message)).toBe(true);
    const twice = {
      multiplies: Uint32Array.from([0, 2, 1, 0]),
      signature: blsAggregateSignatures([scaled(1, 2n), sig(2)]),
    };
    expect(validateAggregate(pool, twice, message)).toBe(true);
    expect(validateAggregate(pool, twice, message, thetaHashToG2(message))).toBe(true);
    // The pre-hashed message is the one checked when given.
    expect(validateAggregate(pool, twice, message, thetaHashToG2(otherGcp))).toBe(false);
  });

  it("rejects a wrong length, an empty vector, inflated multiplicities, foreign keys and other messages", () => {
    const pool = createGuardianPool(entries);
    const good = honest([0, 1]);
    expect(validateAggregate(pool, { ...good, multiplies: Uint32Array.from([1, 1, 0]) }, message)).toBe(
      false,
    );
    expect(validateAggregate(pool, { ...good, multiplies: Uint32Array.from([1, 1, 0, 0, 0]) }, message)).toBe(
      false,
    );
    expect(validateAggregate(pool, { ...good, multiplies: new Uint32Array(N) }, message)).toBe(false);
    expect(validateAggregate(pool, agg([1, 1, 1, 0], [0, 1]), message)).toBe(false);
    expect(validateAggregate(pool, agg([1, 2, 0, 0], [0, 1]), message)).toBe(false);
    expect(validateAggregate(pool, agg([0, 1, 0, 0], [-1]), message)).toBe(false);
    expect(validateAggregate(pool, good, otherGcp)).toBe(false);
    expect(blsPublicKey(outsider).bytes).not.toEqual(entries[0]!.blsPubkey);
  });
});

describe("guardian finality: strictly more than 2/3 of the pool's stake", () => {
  it("counts the stake of every guardian with a non-zero multiplicity, once", () => {
    const pool = createGuardianPool(entries);
    const s = sig(0);
    const m = (ms: number[]) => ({ multiplies: Uint32Array.from(ms), signature: s });
    expect(signerStake(pool, m([0, 0, 0, 0]))).toBe(0n);
    expect(signerStake(pool, m([3, 0, 0, 1]))).toBe(4n);
    expect(signerStake(pool, m([1, 1, 1, 1]))).toBe(6n);
    expect(signerStake(pool, m([1, 1]))).toBe(3n);
    // {0,1,2}: 4 of 6 is exactly 2/3, not final; {0,1,3}: 5 of 6 is.
    expect(isGuardianFinalized(pool, m([1, 1, 1, 0]))).toBe(false);
    expect(isGuardianFinalized(pool, m([1, 1, 0, 1]))).toBe(true);
    expect(isGuardianFinalized(pool, m([0, 0, 0, 0]))).toBe(false);
  });

  it("merge overflow beyond uint32 is an error", () => {
    expect(
      codeOf(() =>
        mergeAggregates(
          { multiplies: Uint32Array.from([0xffffffff, 0, 0, 0]), signature: sig(0) },
          { multiplies: Uint32Array.from([1, 1, 0, 0]), signature: sig(1) },
        ),
      ),
    ).toBe(MultiplicityErrorCode.Overflow);
  });
});
