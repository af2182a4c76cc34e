import {
  blsAggregateSignatures,
  blsPopProve,
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
} from "@theta/crypto";
import { describe, expect, it } from "vitest";
import {
  aggregateToWire,
  createGuardianCheckpoint,
  createGuardianEngine,
  createGuardianPool,
  createGuardianService,
  createSeededRandom,
  type GuardianAggregate,
  type GuardianEngine,
  type GuardianPoolInfo,
  mergeAggregates,
  ReceiveOutcome,
  signAggregate,
} from "../src/index.ts";
import { createFakeSigner, createSimNetwork, createVirtualClock } from "../src/testing/index.ts";

/**
 * Aggregates that do not verify (docs/consensus.md §3.4, §1.7 item 7) must change nothing: the engine ignores
 * them, and the service rejects them when a block header carries them.
 */
const N = 4;
const sks = Array.from({ length: N }, (_, i) => {
  const b = new Uint8Array(32);
  b[0] = 5;
  b[31] = i + 1;
  return blsSecretKeyFromBytes(b);
});
const guardians = sks.map((sk, i) => ({
  address: new Uint8Array(20).fill(i + 1),
  stake: 10n,
  blsPubkey: blsPublicKey(sk).bytes,
  blsPop: blsPopProve(sk).bytes,
}));
const pool = createGuardianPool(guardians);
const block = new Uint8Array(32).fill(0x21);
const otherBlock = new Uint8Array(32).fill(0x22);
const gcp = new Uint8Array(32).fill(0x31);
const otherGcp = new Uint8Array(32).fill(0x32);
const cp = createGuardianCheckpoint(block, gcp, pool);
const cpOtherBlock = createGuardianCheckpoint(otherBlock, gcp, pool);
const cpOtherGcp = createGuardianCheckpoint(block, otherGcp, pool);

const vector = (ms: readonly number[]): Uint32Array => Uint32Array.from(ms);
/** The honest aggregate of guardians `who`, each once, on `message`. */
const honest = (who: readonly number[], message: Uint8Array): GuardianAggregate => {
  let agg = signAggregate(pool, sks[who[0] as number]!, who[0] as number, message);
  for (const i of who.slice(1)) agg = mergeAggregates(agg, signAggregate(pool, sks[i]!, i, message)) ?? agg;
  return agg;
};

/** Every aggregate here claims guardians that guardian 0's engine does not hold yet. */
const forgeries: readonly { readonly name: string; readonly agg: GuardianAggregate }[] = [
  {
    name: "signature of guardian 1 alone, claimed as guardians 1, 2, 3",
    agg: { multiplies: vector([0, 1, 1, 1]), signature: blsSign(sks[1]!, cp.message) },
  },
  {
    name: "signature of guardians 1 and 2 with a multiplicity raised for guardian 3",
    agg: { ...honest([1, 2], cp.message), multiplies: vector([0, 1, 1, 1]) },
  },
  {
    name: "signature of guardian 1 with its multiplicity inflated to 2",
    agg: { ...honest([1], cp.message), multiplies: vector([0, 2, 0, 0]) },
  },
  {
    name: "guardians 1, 2, 3 signing another block",
    agg: honest([1, 2, 3], cpOtherBlock.message),
  },
  {
    name: "guardians 1, 2, 3 signing with another pool hash",
    agg: honest([1, 2, 3], cpOtherGcp.message),
  },
  {
    name: "a signature by a key outside the pool",
    agg: {
      multiplies: vector([0, 1, 1, 1]),
      signature: blsSign(blsSecretKeyFromBytes(new Uint8Array(32).fill(9)), cp.message),
    },
  },
  {
    name: "the sum of valid signatures counted twice for guardian 3",
    agg: {
      multiplies: vector([0, 1, 1, 2]),
      signature: blsAggregateSignatures([
        blsSign(sks[1]!, cp.message),
        blsSign(sks[2]!, cp.message),
        blsSign(sks[3]!, cp.message),
      ]),
    },
  },
];

const startedEngine = (passThrough = false): GuardianEngine => {
  const e = createGuardianEngine({ passThrough });
  if (passThrough) e.startNewBlock(cp);
  else e.startNewBlock(cp, { index: 0, sk: sks[0]! });
  return e;
};

describe("guardian engine: aggregates that do not verify are ignored", () => {
  for (const f of forgeries) {
    it(`guardian: ${f.name}`, () => {
      const e = startedEngine();
      const before = Array.from(e.best()!.multiplies);
      expect(e.receive(block, gcp, f.agg)).toBe(ReceiveOutcome.Ignored);
      expect(Array.from(e.best()!.multiplies)).toEqual(before);
      expect(e.guardianFinalized()).toBe(false);
      // The engine still takes the honest aggregate afterwards.
      expect(e.receive(block, gcp, honest([1, 2, 3], cp.message))).toBe(ReceiveOutcome.Merged);
      expect(e.guardianFinalized()).toBe(true);
    });

    it(`pass-through relay: ${f.name}`, () => {
      const e = startedEngine(true);
      expect(e.receive(block, gcp, f.agg)).toBe(ReceiveOutcome.Ignored);
      expect(e.best()).toBeUndefined();
      expect(e.guardianFinalized()).toBe(false);
    });
  }

  it("a valid aggregate of another block or another pool is ignored when it names them", () => {
    const e = startedEngine();
    expect(e.receive(otherBlock, gcp, honest([1, 2, 3], cpOtherBlock.message))).toBe(ReceiveOutcome.Ignored);
    expect(e.receive(block, otherGcp, honest([1, 2, 3], cpOtherGcp.message))).toBe(ReceiveOutcome.Ignored);
    expect(Array.from(e.best()!.multiplies)).toEqual([1, 0, 0, 0]);
    const relay = startedEngine(true);
    expect(relay.receive(otherBlock, gcp, honest([1, 2, 3], cpOtherBlock.message))).toBe(
      ReceiveOutcome.Ignored,
    );
    expect(relay.best()).toBeUndefined();
  });

  it("an aggregate with no signer or of the wrong length is ignored", () => {
    const relay = startedEngine(true);
    const one = honest([1], cp.message);
    expect(relay.receive(block, gcp, { ...one, multiplies: new Uint32Array(N) })).toBe(
      ReceiveOutcome.Ignored,
    );
    expect(relay.receive(block, gcp, { ...one, multiplies: vector([0, 1, 0, 0, 0]) })).toBe(
      ReceiveOutcome.Ignored,
    );
    expect(relay.best()).toBeUndefined();
  });

  it("a forged aggregate merged into nothing: random forgeries never finalize a guardian engine", () => {
    const rng = createSeededRandom(404n);
    const e = startedEngine();
    for (let k = 0; k < 12; k++) {
      const claimed = vector([0, 1 + rng.nextInt(2), 1 + rng.nextInt(2), 1 + rng.nextInt(2)]);
      const signers = [1, 2, 3].filter(() => rng.nextInt(2) === 0);
      const signature =
        signers.length === 0
          ? blsSign(sks[0]!, cp.message)
          : blsAggregateSignatures(signers.map((i) => blsSign(sks[i]!, cp.message)));
      // Skip the one draw that is honest: each claimed multiplicity 1 and exactly those signers.
      const isHonest =
        signers.length === 3 && Array.from(claimed).every((m, i) => (i === 0 ? m === 0 : m === 1));
      if (isHonest) continue;
      expect(e.receive(block, gcp, { multiplies: claimed, signature }), `seed 404, draw ${k}`).toBe(
        ReceiveOutcome.Ignored,
      );
    }
    expect(Array.from(e.best()!.multiplies)).toEqual([1, 0, 0, 0]);
  });
});

describe("guardian service: aggregated votes in a block header are validated", () => {
  const clock = createVirtualClock();
  const net = createSimNetwork(clock, createSeededRandom(1n), { minDelayMs: 1, maxDelayMs: 2, lossRate: 0 });
  const service = createGuardianService({
    clock,
    network: net.port("g"),
    signer: createFakeSigner(new Uint8Array(20).fill(0x77)),
  });
  const info: GuardianPoolInfo = { gcpHash: gcp, guardians };

  it("accepts the honest aggregate of the checkpoint (the check is not a blanket no)", () => {
    expect(service.validate(aggregateToWire(block, gcp, honest([0, 1, 2], cp.message)), info)).toBe(true);
    expect(service.validate(aggregateToWire(block, gcp, honest([3], cp.message)), info)).toBe(true);
  });

  for (const f of forgeries) {
    it(`rejects ${f.name}`, () => {
      expect(service.validate(aggregateToWire(block, gcp, f.agg), info)).toBe(false);
    });
  }

  it("rejects a valid aggregate relabelled with another block", () => {
    expect(service.validate(aggregateToWire(otherBlock, gcp, honest([0, 1, 2], cp.message)), info)).toBe(
      false,
    );
  });

  it("rejects votes naming another pool than the block's state holds, even if they verify for it", () => {
    const votes = aggregateToWire(block, otherGcp, honest([0, 1, 2], cpOtherGcp.message));
    expect(service.validate(votes, info)).toBe(false);
    expect(service.validate(votes, { gcpHash: otherGcp, guardians })).toBe(true);
  });

  it("rejects a signature that is not a curve point, and no signature at all", () => {
    const good = aggregateToWire(block, gcp, honest([0, 1, 2], cp.message));
    expect(service.validate({ ...good, signature: new Uint8Array(96).fill(0xff) }, info)).toBe(false);
    expect(service.validate({ ...good, signature: undefined }, info)).toBe(false);
  });
});
