import { blsPopProve, blsPublicKey, blsSecretKeyFromBytes } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import {
  createGuardianEngine,
  createGuardianPool,
  createSeededRandom,
  type GuardianAggregate,
  type GuardianCheckpoint,
  ReceiveOutcome,
  randomGraph,
} from "../src/index.ts";
import { createVirtualClock } from "../src/testing/index.ts";

const N = 10;
const sks = Array.from({ length: N }, (_, i) => {
  const b = new Uint8Array(32);
  b[0] = 3;
  b[31] = i + 1;
  return blsSecretKeyFromBytes(b);
});
const pool = createGuardianPool(
  sks.map((sk, i) => ({
    address: new Uint8Array(20).fill(i),
    stake: 10n,
    blsPubkey: blsPublicKey(sk).bytes,
    blsPop: blsPopProve(sk).bytes,
  })),
);
const checkpoint: GuardianCheckpoint = {
  block: new Uint8Array(32).fill(1),
  gcp: new Uint8Array(32).fill(2),
  message: Uint8Array.of(0xf8, 0x44, 0xa0, 1),
  pool,
};

describe(`guardian engine on the virtual clock (${N} guardians, real BLS, one Byzantine)`, () => {
  it("every honest guardian reaches guardian finality; inflated aggregates are ignored", () => {
    const seed = 77n;
    const rng = createSeededRandom(seed);
    const clock = createVirtualClock();
    const graph = randomGraph(N, 4, rng);
    const byzantine = 0;
    const engines = sks.map((sk, i) => {
      const e = createGuardianEngine();
      e.startNewBlock(checkpoint, { index: i, sk });
      return e;
    });
    let ignoredInflated = 0;
    const onTick = (): void => {
      engines.forEach((e, i) => {
        let out = e.tick();
        if (out === undefined) return;
        if (i === byzantine)
          out = { ...out, multiplies: out.multiplies.map((m, k) => (k === 9 ? m + 1 : m)) };
        for (const j of graph[i] ?? []) {
          const msg: GuardianAggregate = out;
          clock.setTimer(1 + rng.nextInt(500), () => {
            const r = engines[j]?.receive(checkpoint.block, checkpoint.gcp, msg);
            if (i === byzantine && r === ReceiveOutcome.Ignored) ignoredInflated++;
          });
        }
      });
      if (engines.some((e, i) => i !== byzantine && !e.guardianFinalized())) clock.setTimer(30_000, onTick);
    };
    clock.setTimer(30_000, onTick);
    clock.runUntilIdle(20_000);
    engines.forEach((e, i) => {
      if (i !== byzantine) expect(e.guardianFinalized(), `seed ${seed}, guardian ${i}`).toBe(true);
    });
    expect(ignoredInflated).toBeGreaterThan(0);
    expect(engines[1]?.round()).toBeLessThanOrEqual(10);
  });

  it("ignores aggregates for another block, and rounds saturate at the cap", () => {
    const e = createGuardianEngine({ maxRounds: 3 });
    e.startNewBlock(checkpoint, { index: 0, sk: sks[0]! });
    const other = createGuardianEngine();
    other.startNewBlock(checkpoint, { index: 1, sk: sks[1]! });
    const agg = other.best()!;
    expect(e.receive(new Uint8Array(32), checkpoint.gcp, agg)).toBe(ReceiveOutcome.Ignored);
    expect(e.receive(checkpoint.block, checkpoint.gcp, agg)).toBe(ReceiveOutcome.Merged);
    expect(e.receive(checkpoint.block, checkpoint.gcp, agg)).toBe(ReceiveOutcome.Ignored);
    for (let k = 0; k < 6; k++) e.tick();
    expect(e.round()).toBe(3);
  });

  it("a non-guardian relay adopts the first aggregate and picks the larger one in pass-through mode", () => {
    const relay = createGuardianEngine({ passThrough: true });
    relay.startNewBlock(checkpoint);
    expect(relay.tick()).toBeUndefined();
    const a = createGuardianEngine();
    a.startNewBlock(checkpoint, { index: 2, sk: sks[2]! });
    const b = createGuardianEngine();
    b.startNewBlock(checkpoint, { index: 3, sk: sks[3]! });
    b.receive(checkpoint.block, checkpoint.gcp, a.best()!);
    expect(relay.receive(checkpoint.block, checkpoint.gcp, a.best()!)).toBe(ReceiveOutcome.Adopted);
    expect(relay.receive(checkpoint.block, checkpoint.gcp, b.best()!)).toBe(ReceiveOutcome.Adopted);
    expect(relay.receive(checkpoint.block, checkpoint.gcp, a.best()!)).toBe(ReceiveOutcome.Ignored);
  });
});
