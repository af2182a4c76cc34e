/**
 * Benchmarks (not run in CI). Usage: `npm run bench -w @theta/consensus`.
 * 1. Simulated blocks finalized per second of wall time, 4 and 31 validators (fake signatures), against the
 *    baseline of 4 validators with real secp256k1 signatures, measured in the same run.
 * 2. Verifying and merging one guardian aggregate at 1,000 guardians (target ≤ 50 ms), against the
 *    baseline of one plain BLS verification.
 * 3. Bytes per Guardian-channel message (sync envelope + AggregatedVotes) at 1,000 and 3,000 guardians,
 *    with multiplicities as large as the gossip model produces.
 */

import { ChannelId, encodeAggregatedVotes, encodeSyncMessage } from "@theta/core-types";
import {
  blsAggregateSignatures,
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
  blsVerify,
  blsVerifyAggregate,
  thetaHashToG2,
} from "@theta/crypto";
import {
  aggregateToWire,
  createSeededRandom,
  type GuardianAggregate,
  type GuardianPool,
  mergeAggregates,
  runGossipModel,
  validateAggregate,
} from "../src/index.ts";

import { measureSimulation } from "./simulation.ts";

const sim = async (label: string, nodes: number, virtualMs: number, real = false): Promise<number> => {
  const r = await measureSimulation(nodes, virtualMs, real);
  const rate = (Number(r.blocks) * 1000) / r.wallMs;
  console.log(
    `${label}: ${r.blocks} blocks finalized in ${r.wallMs.toFixed(0)} ms wall = ${rate.toFixed(1)} blocks/s`,
  );
  return rate;
};
const simBase = await sim("baseline: 4 validators, real secp256k1", 4, 15_000, true);
const sim4 = await sim("4 validators, fake signatures", 4, 60_000);
const sim31 = await sim("31 validators, fake signatures", 31, 30_000);
console.log(
  `ratio vs baseline: 4 validators ${(sim4 / simBase).toFixed(2)}x, 31 validators ${(sim31 / simBase).toFixed(2)}x`,
);

function time(label: string, runs: number, fn: () => void): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label}: ${ms.toFixed(2)} ms/op (${(1000 / ms).toFixed(1)} ops/s)`);
  return ms;
}

const N = 1000;
const message = Uint8Array.of(0xf8, 0x44, 9, 9, 9);
const rng = createSeededRandom(1n);
const sks = Array.from({ length: N }, (_, i) => {
  const b = new Uint8Array(32);
  b[0] = 5;
  b[30] = i >> 8;
  b[31] = i & 0xff;
  return blsSecretKeyFromBytes(b);
});
const keys = sks.map((sk) => blsPublicKey(sk));
// PoPs are checked by createGuardianPool; here the pool is built directly to keep setup short.
const pool: GuardianPool = {
  entries: keys.map((k, i) => ({
    address: new Uint8Array(20).fill(i & 0xff),
    stake: 1n,
    blsPubkey: k.bytes,
    blsPop: new Uint8Array(96),
  })),
  keys,
  totalStake: BigInt(N),
};
const sigs = sks.map((sk) => blsSign(sk, message));
const makeAgg = (from: number, to: number): GuardianAggregate => {
  const multiplies = new Uint32Array(N);
  for (let i = from; i < to; i++) multiplies[i] = 1 + rng.nextInt(100);
  // Σ mᵢ·σᵢ through the crypto package's multiplicity aggregation.
  return { multiplies, signature: blsAggregateSignatures(sigs, Array.from(multiplies)) };
};
const a = makeAgg(0, 600);
const b = makeAgg(400, 1000);
const hashed = thetaHashToG2(message);

const base = time("baseline: one BLS verify", 20, () => {
  if (!blsVerify(keys[0] as (typeof keys)[number], message, sigs[0] as (typeof sigs)[number], hashed))
    throw new Error("verify");
});
time(`for comparison: verify via per-key double-and-add + merge, ${N} guardians`, 5, () => {
  if (!blsVerifyAggregate(keys, Array.from(b.multiplies), message, b.signature, hashed))
    throw new Error("invalid");
  if (mergeAggregates(a, b) === undefined) throw new Error("subset");
});
const cost = time(`verify + merge one aggregate, ${N} guardians`, 10, () => {
  if (!validateAggregate(pool, b, message, hashed)) throw new Error("invalid");
  const m = mergeAggregates(a, b);
  if (m === undefined) throw new Error("subset");
});
console.log(
  `ratio vs baseline: ${(cost / base).toFixed(2)}x (target ≤ 50 ms: ${cost <= 50 ? "met" : "missed"})`,
);

const g0 = performance.now();
const r = runGossipModel(
  { guardians: 1000, degree: 20, byzantineShare: 0.1, maxIterations: 50 },
  createSeededRandom(3n),
);
console.log(
  `gossip model n=1000 deg=20 10% byz: ${(performance.now() - g0).toFixed(0)} ms, ${r.iterations} iterations, max multiplicity ${r.maxMultiplicity}`,
);

for (const n of [1000, 3000]) {
  const model = runGossipModel(
    { guardians: n, degree: 20, byzantineShare: 0.1, maxIterations: 50 },
    createSeededRandom(BigInt(n)),
  );
  const multiplies = new Uint32Array(n);
  for (let i = 0; i < n; i++) multiplies[i] = 1 + rng.nextInt(model.maxMultiplicity);
  const wire = aggregateToWire(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2), {
    multiplies,
    signature: sigs[0] as (typeof sigs)[number],
  });
  const payload = encodeAggregatedVotes(wire);
  const message = encodeSyncMessage({ type: "dataResponse", channelId: ChannelId.Guardian, payload });
  const ones = encodeAggregatedVotes({ ...wire, multiplies: Array.from({ length: n }, () => 1) });
  console.log(
    `guardian message, ${n} guardians: ${message.length} bytes (multiplicities up to ${model.maxMultiplicity}); ` +
      `${ones.length} bytes when every multiplicity is 1`,
  );
}
