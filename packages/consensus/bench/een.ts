/**
 * EEN aggregation bench (not run in CI). Usage: `npm run bench -w @theta/consensus` (runs after the
 * validator/guardian benches) or `node --conditions=@theta/source --import tsx bench/een.ts`.
 * For 1,000 and 10,000 elite edge nodes:
 * 1. the simulator (fake linear BLS, 40 aggregators, fan-out 8, 3 aggregator peers per edge node, 5% loss,
 *    20 rounds): rounds until every aggregator holds the complete aggregate, bytes sent per aggregator and
 *    per edge node over the checkpoint;
 * 2. real BLS: verify + merge of one received aggregate (60% of the edge nodes, overlapping the 60% held),
 *    from the difference to the held aggregate and from scratch, against the baseline of verifying each of
 *    the aggregate's votes on its own (one pairing check each, measured on 5 votes and multiplied).
 */
import { bytesToHex, eenVoteSignBytes } from "@theta/core-types";
import {
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
  blsVerify,
  type G1Point,
  thetaHashToG2,
} from "@theta/crypto";
import {
  createBlsEenCrypto,
  type EenAggregate,
  type EenKeyCache,
  type EenPublicKey,
  type EenSignature,
  type HeldAggregate,
  mergeHeld,
  openEenCheckpoint,
  verifyEenAggregate,
} from "../src/index.ts";
import { runEenSimulation } from "../src/testing/index.ts";

/** The BLS12-381 group order r. */
const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
const times = (s: bigint): G1Point => blsPublicKey({ scalar: s }).point;
const SIZES = [1000, 10_000];

function ms(fn: () => Promise<unknown> | unknown, runs: number): Promise<number> {
  return (async () => {
    await fn();
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await fn();
    return (performance.now() - t0) / runs;
  })();
}

console.log("EEN gossip in the simulator (fake BLS; sizes and rounds are the real ones)");
for (const n of SIZES) {
  const t0 = performance.now();
  const r = await runEenSimulation({ seed: BigInt(n), aggregators: 40, eens: n, lossRate: 0.05, fanout: 8 });
  console.log(
    `  ${n} EENs: converged in ${r.roundsToConverge ?? "never"} rounds (cap 20); ${r.signers}/${r.honestSampled} edge nodes in every aggregate; ` +
      `${(r.bytesPerAggregator / 1024).toFixed(0)} KiB sent per aggregator, ${r.bytesPerEen.toFixed(0)} B per edge node per checkpoint; ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s wall`,
  );
}

console.log("EEN verify + merge on real BLS");
const block = new Uint8Array(32).fill(0x42);
const message = eenVoteSignBytes(block);
const hashed = thetaHashToG2(message);
for (const n of SIZES) {
  // Secret keys s0 + i·d, so that keys follow by one addition and aggregate signatures by one multiplication.
  const s0 = 0x1234567n;
  const d = 0x9e3779b97f4a7c15n;
  const sk = (i: number): bigint => (s0 + BigInt(i) * d) % R;
  const crypto = createBlsEenCrypto();
  const keys: EenKeyCache = new Map();
  const addresses: Uint8Array[] = [];
  const pkBytes: Uint8Array[] = [];
  let p: G1Point = times(s0);
  const step = times(d);
  for (let i = 0; i < n; i++) {
    const a = new Uint8Array(20);
    a[0] = i >> 16;
    a[1] = (i >> 8) & 0xff;
    a[2] = i & 0xff;
    addresses.push(a);
    const bytes = p.toBytes(true);
    pkBytes.push(bytes);
    keys.set(bytesToHex(bytes), { point: p, bytes } as unknown as EenPublicKey);
    p = p.add(step);
  }
  const byAddr = new Map(addresses.map((a, i) => [bytesToHex(a), i]));
  const cp = await openEenCheckpoint(block, 101n, {
    source: {
      eliteEdgeNode: async (_b, a) => {
        const i = byAddr.get(bytesToHex(a));
        return i === undefined ? undefined : { stake: 10n, blsPubkey: pkBytes[i] as Uint8Array, weight: 1 };
      },
      totalStake: async () => BigInt(n) * 10n,
    },
    crypto,
    keys,
  });
  const aggregate = (from: number, to: number, m: (i: number) => number): EenAggregate => {
    let s = 0n;
    const multiplies: number[] = [];
    for (let i = from; i < to; i++) {
      multiplies.push(m(i));
      s = (s + BigInt(m(i)) * sk(i)) % R;
    }
    const point = hashed.multiply(s);
    const signature = { point, bytes: point.toBytes(true) } as unknown as EenSignature;
    return { addresses: addresses.slice(from, to), multiplies, signature };
  };
  const held = (await verifyEenAggregate(
    cp,
    aggregate(0, Math.floor(n * 0.6), () => 1),
    crypto,
  )) as HeldAggregate;
  const received = aggregate(Math.floor(n * 0.4), n, (i) => 1 + (i % 3));
  const viaDelta = await ms(async () => {
    const v = await verifyEenAggregate(cp, received, crypto, held);
    if (typeof v === "string" || typeof mergeHeld(held, v, crypto) !== "object") throw new Error(String(v));
  }, 3);
  const fromScratch = await ms(async () => {
    const v = await verifyEenAggregate(cp, received, crypto);
    if (typeof v === "string" || typeof mergeHeld(held, v, crypto) !== "object") throw new Error(String(v));
  }, 3);
  const one = blsSecretKeyFromBytes(Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 7 : 0)));
  const sig = blsSign(one, message);
  const perVote = await ms(() => {
    if (!blsVerify(blsPublicKey(one), message, sig, hashed)) throw new Error("verify");
  }, 5);
  const votes = received.addresses.length;
  console.log(
    `  ${n} EENs (aggregate of ${votes}): verify+merge ${viaDelta.toFixed(1)} ms from the held aggregate's key, ` +
      `${fromScratch.toFixed(1)} ms from scratch; baseline (each vote verified alone) ${(perVote * votes).toFixed(0)} ms ` +
      `= ${votes} × ${perVote.toFixed(1)} ms; ratio ${((perVote * votes) / viaDelta).toFixed(0)}x; target ≤ 50 ms at 10,000: ` +
      `${n === 10_000 ? (viaDelta <= 50 ? "met" : "missed") : "n/a"}`,
  );
}
