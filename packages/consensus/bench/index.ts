/**
 * Benchmarks (not run in CI): cost of verifying and merging one guardian aggregate at 1,000 guardians
 * (target ≤ 50 ms), against the baseline of one plain BLS signature verification measured in the same run;
 * and the multiplicity gossip model's throughput. Usage: `pnpm bench`.
 */
import {
  blsAggregateSignatures,
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
  blsVerify,
  thetaHashToG2,
} from "@theta/crypto";
import {
  createSeededRandom,
  type GuardianAggregate,
  type GuardianPool,
  mergeAggregates,
  runGossipModel,
  validateAggregate,
} from "../src/index.ts";

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
