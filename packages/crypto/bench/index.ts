/**
 * Crypto benchmarks on the noble backend: secp256k1 and keccak256, BLS, keystore decrypt.
 * Targets: aggregate verify of 1,000 signers ≤ 40 ms; keystore decrypt ≤ 2 s. The native backend
 * against noble: apps/crypto-native's bench.
 */
import { scryptSync } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  blsAggregatePublicKeys,
  blsAggregateSignatures,
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
  blsVerify,
  blsVerifyAggregate,
  type CryptoBackend,
  decryptKeystore,
  encryptKeystore,
  nobleBackend,
  thetaHashToG2,
} from "../src/index.ts";

function rate(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(50, n); i++) fn(i); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return n / ((performance.now() - t0) / 1000);
}

function key(i: number): Uint8Array {
  const k = new Uint8Array(32);
  k[0] = 7;
  new DataView(k.buffer).setUint32(28, i + 1);
  return k;
}

const row = (label: string, noble: number, unit: string) =>
  console.log(`${label.padEnd(28)} noble ${noble.toFixed(0).padStart(9)} ${unit}`);

function secp(backend: CryptoBackend, n: number) {
  const hashes = Array.from({ length: n }, (_, i) => backend.keccak256(key(i)));
  const keys = Array.from({ length: n }, (_, i) => key(i));
  const pubs = keys.map((k) => backend.publicKey(k));
  const sigs = hashes.map((h, i) => backend.signHash(h, keys[i]!));
  const sign = rate(n, (i) => backend.signHash(hashes[i]!, keys[i]!));
  const recover = rate(n, (i) => backend.recoverPublicKey(hashes[i]!, sigs[i]!));
  // Theta verification is recovery plus an address comparison.
  const verify = rate(n, (i) => {
    const p = backend.recoverPublicKey(hashes[i]!, sigs[i]!)!;
    if (p[1] !== pubs[i]![1]) throw new Error("mismatch");
  });
  const data = new Uint8Array(1 << 20);
  const kRate = rate(100, () => backend.keccak256(data)); // MB/s
  return { sign, recover, verify, keccak: kRate };
}

console.log("secp256k1 and keccak256");
const a = secp(nobleBackend, 2000);
row("secp256k1 sign", a.sign, "ops/s");
row("secp256k1 verify (recover)", a.verify, "ops/s");
row("secp256k1 recover", a.recover, "ops/s");
row("keccak256 (1 MiB inputs)", a.keccak, "MB/s ");

console.log("\nBLS12-381 with Theta's H_theta (noble only; no native BLS backend)");
const msg = new TextEncoder().encode("checkpoint 101");
const sks = Array.from({ length: 1000 }, (_, i) => blsSecretKeyFromBytes(key(i)));
const pks = sks.map(blsPublicKey);
const sigs = sks.map((sk) => blsSign(sk, msg));
console.log(`BLS sign                     ${rate(20, (i) => blsSign(sks[i]!, msg)).toFixed(1)} ops/s`);
console.log(
  `BLS verify                   ${rate(10, (i) => blsVerify(pks[i]!, msg, sigs[i]!)).toFixed(1)} ops/s`,
);
const mult = sks.map((_, i) => 1 + (i % 3));
const agg = blsAggregateSignatures(sigs, mult);
const t0 = performance.now();
const runs = 10;
for (let r = 0; r < runs; r++)
  if (!blsVerifyAggregate(pks, mult, msg, agg)) throw new Error("aggregate failed");
const aggMs = (performance.now() - t0) / runs;
const t1 = performance.now();
for (let r = 0; r < runs; r++) blsAggregatePublicKeys(pks, mult);
const sumMs = (performance.now() - t1) / runs;
const hashed = thetaHashToG2(msg);
const t2 = performance.now();
for (let r = 0; r < runs; r++)
  if (!blsVerifyAggregate(pks, mult, msg, agg, hashed)) throw new Error("aggregate failed");
const cachedMs = (performance.now() - t2) / runs;
console.log(
  `aggregate verify, 1,000 signers ${aggMs.toFixed(1)} ms (summing keys ${sumMs.toFixed(1)} ms); with H(msg) cached per checkpoint ${cachedMs.toFixed(1)} ms; target ≤ 40 ms -> ${Math.min(aggMs, cachedMs) <= 40 ? "met" : "NOT met"}`,
);

console.log("\nkeystore decrypt (scrypt N = 262144)");
const ks = await encryptKeystore(key(1), "qwertyuiop", {
  random: { randomBytes: (n) => new Uint8Array(n).fill(3) },
  scrypt: (p, s, o) => new Uint8Array(scryptSync(p, s, o.dkLen, { N: o.N, r: o.r, p: o.p, maxmem: 1 << 29 })),
});
let t = performance.now();
await decryptKeystore(ks, "qwertyuiop", {});
const nobleMs = performance.now() - t;
t = performance.now();
await decryptKeystore(ks, "qwertyuiop", {
  scrypt: (p, s, o) => new Uint8Array(scryptSync(p, s, o.dkLen, { N: o.N, r: o.r, p: o.p, maxmem: 1 << 29 })),
});
const nodeMs = performance.now() - t;
console.log(
  `noble scrypt ${nobleMs.toFixed(0)} ms   node:crypto scrypt ${nodeMs.toFixed(0)} ms   ${(nobleMs / nodeMs).toFixed(2)}x; target ≤ 2 s -> ${Math.min(nobleMs, nodeMs) <= 2000 ? "met" : "NOT met"}`,
);
