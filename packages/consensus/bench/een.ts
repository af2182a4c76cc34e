/**
 * EEN aggregation bench (not run in CI). Usage: `cd packages/consensus && npm run bench` (runs after the
 * validator/guardian benches) or `node --conditions=@theta/source --import tsx bench/een.ts [--verify-only]`.
 * For 1,000 and 10,000 elite edge nodes:
 * 1. the simulator (fake linear BLS, 40 aggregators, fan-out 8, 3 aggregator peers per edge node, 5% loss,
 *    20 rounds): rounds until every aggregator holds the complete aggregate, bytes sent per aggregator and
 *    per edge node over the checkpoint (skipped with `--verify-only`);
 * 2. real BLS: verify + merge of one received aggregate (60% of the edge nodes with multiplicities 1–3,
 *    overlapping the 60% held), on the current path (the checkpoint's block sums of keys, `g1WeightedSum`'s
 *    batched affine additions, the message's Miller-loop lines prepared) against the baseline in the same
 *    run: a checkpoint without block sums and `projectiveKeySum` (one projective point addition per
 *    signer); then the parts (key sums, one pairing check), the checkpoint's first and second aggregates
 *    (the second computes the block sums) and the older baseline of verifying each vote on its own. CPU
 *    time (this process) is printed next to wall time: on a shared machine wall time counts the waits for
 *    a core.
 */
import { loadavg } from "node:os";
import { bytesToHex, eenVoteSignBytes } from "@theta/core-types";
import {
  blsPrepareMessage,
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
  blsVerify,
  blsVerifyPrepared,
  type G1Point,
  g1WeightedSum,
  thetaHashToG2,
} from "@theta/crypto";
import { projectiveKeySum } from "../src/een/projectiveKeySum.ts";
import {
  createBlsEenCrypto,
  type EenAggregate,
  type EenCheckpoint,
  type EenCrypto,
  type EenEntry,
  type EenKeyCache,
  type EenPublicKey,
  type EenSignature,
  type EenStakeSource,
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
const RUNS = 3;

/** The least CPU time (user + system, this process) and the least wall time of a function's runs, in ms. */
interface Timing {
  readonly cpu: number;
  readonly wall: number;
}

/**
 * `runs` timed calls of each function after one warm-up call each (unless `warmUp` is false); the functions take turns so that a
 * change of load on the shared machine hits them alike. CPU time is the figure to read on a loaded
 * machine (wall time then counts the waits for a core).
 */
async function fastest(
  fns: readonly (() => Promise<unknown> | unknown)[],
  runs = RUNS,
  warmUp = true,
): Promise<Timing[]> {
  if (warmUp) for (const fn of fns) await fn();
  const cpu = fns.map(() => Number.POSITIVE_INFINITY);
  const wall = fns.map(() => Number.POSITIVE_INFINITY);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < fns.length; j++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await (fns[j] as () => unknown)();
      wall[j] = Math.min(wall[j] as number, performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[j] = Math.min(cpu[j] as number, (c.user + c.system) / 1000);
    }
  }
  return fns.map((_, j) => ({ cpu: cpu[j] as number, wall: wall[j] as number }));
}
const fmt = (t: Timing): string => `${t.cpu.toFixed(1)} ms CPU (${t.wall.toFixed(1)} ms wall)`;

if (!process.argv.includes("--verify-only")) {
  console.log("EEN gossip in the simulator (fake BLS; sizes and rounds are the real ones)");
  for (const n of SIZES) {
    const t0 = performance.now();
    const r = await runEenSimulation({
      seed: BigInt(n),
      aggregators: 40,
      eens: n,
      lossRate: 0.05,
      fanout: 8,
    });
    console.log(
      `  ${n} EENs: converged in ${r.roundsToConverge ?? "never"} rounds (cap 20); ${r.signers}/${r.honestSampled} edge nodes in every aggregate; ` +
        `${(r.bytesPerAggregator / 1024).toFixed(0)} KiB sent per aggregator, ${r.bytesPerEen.toFixed(0)} B per edge node per checkpoint; ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s wall`,
    );
  }
}

console.log(`EEN verify + merge on real BLS (fastest of ${RUNS} alternating runs)`);
const block = new Uint8Array(32).fill(0x42);
const message = eenVoteSignBytes(block);
const hashed = thetaHashToG2(message);
const fast = createBlsEenCrypto();
const baseline = createBlsEenCrypto({ keySum: projectiveKeySum });
for (const n of SIZES) {
  // Secret keys s0 + i·d, so that keys follow by one addition and aggregate signatures by one multiplication.
  const s0 = 0x1234567n;
  const d = 0x9e3779b97f4a7c15n;
  const sk = (i: number): bigint => (s0 + BigInt(i) * d) % R;
  const keys: EenKeyCache = new Map();
  const addresses: Uint8Array[] = [];
  const pkBytes: Uint8Array[] = [];
  const points: G1Point[] = [];
  let p: G1Point = times(s0);
  const step = times(d);
  for (let i = 0; i < n; i++) {
    const a = new Uint8Array(20);
    a[0] = i >> 16;
    a[1] = (i >> 8) & 0xff;
    a[2] = i & 0xff;
    addresses.push(a);
    // Keys as decoding leaves them (affine, Z = 1), without decompressing 10,000 encodings.
    const point = (
      p.constructor as unknown as { fromAffine(a: { x: bigint; y: bigint }): G1Point }
    ).fromAffine(p.toAffine());
    const bytes = point.toBytes(true);
    pkBytes.push(bytes);
    points.push(point);
    keys.set(bytesToHex(bytes), { point, bytes } as unknown as EenPublicKey);
    p = p.add(step);
  }
  const byAddr = new Map(addresses.map((a, i) => [bytesToHex(a), i]));
  const source: EenStakeSource = {
    eliteEdgeNode: async (_b, a) => {
      const i = byAddr.get(bytesToHex(a));
      return i === undefined ? undefined : { stake: 10n, blsPubkey: pkBytes[i] as Uint8Array, weight: 1 };
    },
    totalStake: async () => BigInt(n) * 10n,
  };
  // The current path (block sums of keys, g1WeightedSum) and the baseline (plain projective sum per signer).
  const cp = await openEenCheckpoint(block, 101n, { source, crypto: fast, keys });
  const cpOld = await openEenCheckpoint(block, 101n, { source, crypto: baseline, keys, keyBlocks: false });
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
  const first = aggregate(0, Math.floor(n * 0.6), () => 1);
  // Cold: the first aggregate of a checkpoint (summed plainly, dense blocks noted), on fresh checkpoints
  // opened beforehand, the two paths taking turns (the least of 2 each); then the second aggregate over
  // the same blocks, which computes their sums (in one batch) and uses them.
  const fresh = async (c: EenCrypto, blocks: boolean): Promise<EenCheckpoint[]> => [
    await openEenCheckpoint(block, 101n, { source, crypto: c, keys, keyBlocks: blocks }),
    await openEenCheckpoint(block, 101n, { source, crypto: c, keys, keyBlocks: blocks }),
  ];
  const coldCps = await fresh(fast, true);
  const coldOldCps = await fresh(baseline, false);
  let round = 0;
  const [coldFast, coldOld] = (await fastest(
    [
      () => verifyEenAggregate(coldCps[round] as EenCheckpoint, first, fast),
      () => verifyEenAggregate(coldOldCps[round++] as EenCheckpoint, first, baseline),
    ],
    2,
    false,
  )) as [Timing, Timing];
  const [secondFast] = (await fastest(
    [() => verifyEenAggregate(coldCps[0] as EenCheckpoint, first, fast)],
    1,
    false,
  )) as [Timing];
  await verifyEenAggregate(cp, first, fast);
  await verifyEenAggregate(cpOld, first, baseline);
  const held = (await verifyEenAggregate(cp, first, fast)) as HeldAggregate;
  const received = aggregate(Math.floor(n * 0.4), n, (i) => 1 + (i % 3));
  const verifyMerge = (c: EenCheckpoint, crypto: EenCrypto, base?: HeldAggregate) => async () => {
    const v = await verifyEenAggregate(c, received, crypto, base);
    if (typeof v === "string" || typeof mergeHeld(held, v, crypto) !== "object") throw new Error(String(v));
  };
  const load = (): string => (loadavg()[0] as number).toFixed(2);
  const loadBefore = load();
  const [viaFast, viaBaseline] = (await fastest([
    verifyMerge(cp, fast, held),
    verifyMerge(cpOld, baseline, held),
  ])) as [Timing, Timing];
  const loadAfter = load();
  const from = Math.floor(n * 0.4);
  const recPoints = points.slice(from);
  const [sumFast, sumBaseline] = (await fastest([
    () => g1WeightedSum(recPoints, received.multiplies),
    () => projectiveKeySum(recPoints, received.multiplies),
  ])) as [Timing, Timing];
  const one = blsSecretKeyFromBytes(Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 7 : 0)));
  const sig = blsSign(one, message);
  const prepared = blsPrepareMessage(message, hashed);
  const [perVote, perVotePrepared] = (await fastest([
    () => {
      if (!blsVerify(blsPublicKey(one), message, sig, hashed)) throw new Error("verify");
    },
    () => {
      if (!blsVerifyPrepared(blsPublicKey(one), prepared, sig)) throw new Error("verify");
    },
  ])) as [Timing, Timing];
  const votes = received.addresses.length;
  console.log(
    `  ${n} EENs (aggregate of ${votes}): verify+merge ${fmt(viaFast)}; baseline (projectiveKeySum) ${fmt(viaBaseline)}; ` +
      `ratio ${(viaBaseline.cpu / viaFast.cpu).toFixed(2)}x (CPU); target ≤ 50 ms at 10,000: ` +
      `${n === 10_000 ? (viaFast.cpu <= 50 ? "met" : "missed") : "n/a"}; load average ${loadBefore} → ${loadAfter}`,
  );
  console.log(
    `    parts: key sum of ${votes} signers ${fmt(sumFast)}, projectiveKeySum ${fmt(sumBaseline)}; one pairing check ` +
      `${fmt(perVotePrepared)} with the message's Miller-loop lines prepared, blsVerify ${fmt(perVote)}; ` +
      `each vote verified alone would take ${((perVote.cpu * votes) / 1000).toFixed(1)} s`,
  );
  const planned = cp.keyBlocks?.plan(
    received.addresses.map((a) => cp.known(a) as EenEntry),
    received.multiplies,
  );
  const [sumPlanned] = (await fastest([
    () => fast.combineKeys(undefined, planned?.keys ?? [], planned?.weights ?? []),
  ])) as [Timing];
  console.log(
    `    the received key from the block sums: ${planned?.keys.length ?? 0} terms instead of ${votes}, ${fmt(sumPlanned)}`,
  );
  console.log(
    `    a checkpoint's first aggregate (${first.addresses.length} signers): ${fmt(coldFast)}, baseline ${fmt(coldOld)}; ` +
      `the second over the same blocks (their sums computed): ${fmt(secondFast)}; block sums held ${coldCps[0]?.keyBlocks?.stats().blockSums ?? 0}`,
  );
}
