/**
 * The native backend against noble: secp256k1 sign/verify/recover and keccak256 of
 * 1 MiB, ratios native/noble (target: native recover ≥ 15,000/s); then keccak256 of short and
 * long inputs on the N-API XKCP binding, the WebAssembly sponge and noble.
 */
import { performance } from "node:perf_hooks";
import { type CryptoBackend, nobleBackend } from "@theta/crypto";
import { createWasmKeccak256, keccak256Xkcp, nativeBackend } from "../src/index.ts";

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

const row = (label: string, noble: number, native: number, unit: string) =>
  console.log(
    `${label.padEnd(28)} noble ${noble.toFixed(0).padStart(9)} ${unit}   native ${native.toFixed(0).padStart(9)} ${unit}   ${(native / noble).toFixed(2)}x`,
  );

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

console.log("secp256k1 and keccak256 (baseline: noble)");
const a = secp(nobleBackend, 2000);
const b = secp(nativeBackend, 2000);
row("secp256k1 sign", a.sign, b.sign, "ops/s");
row("secp256k1 verify (recover)", a.verify, b.verify, "ops/s");
row("secp256k1 recover", a.recover, b.recover, "ops/s");
row("keccak256 (1 MiB inputs)", a.keccak, b.keccak, "MB/s ");
console.log(`  target: native recover ≥ 15,000/s -> ${b.recover >= 15000 ? "met" : "NOT met"}`);

console.log("\nkeccak256 per input size (baseline: the N-API XKCP binding)");
const wasmKeccak = createWasmKeccak256();
for (const size of [32, 64, 136, 532, 4096, 65_536]) {
  const input = new Uint8Array(size).map((_, i) => (i * 7 + size) & 0xff);
  const n = size > 4096 ? 2_000 : 200_000;
  const xkcp = rate(n, () => keccak256Xkcp(input));
  const wasm = rate(n, () => wasmKeccak(input));
  const noble = rate(n / 4, () => nobleBackend.keccak256(input));
  console.log(
    `  ${String(size).padStart(5)} bytes: XKCP ${(1e6 / xkcp).toFixed(2)} µs   wasm ${(1e6 / wasm).toFixed(2)} µs (${(wasm / xkcp).toFixed(2)}x)   noble ${(1e6 / noble).toFixed(2)} µs (${(noble / xkcp).toFixed(2)}x)`,
  );
}
