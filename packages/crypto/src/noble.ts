/** The default backend, on @noble/curves and @noble/hashes (audited, pure JavaScript). */
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import type { CryptoBackend } from "./backend.ts";

const N = secp256k1.Point.CURVE().n;

function toScalar(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** The pure-JavaScript backend on the noble libraries (the default). */
export const nobleBackend: CryptoBackend = {
  name: "noble",
  keccak256: (data) => keccak_256(data),
  isValidPrivateKey(sk) {
    if (sk.length !== 32) return false;
    const d = toScalar(sk);
    return d > 0n && d < N;
  },
  publicKey: (sk) => secp256k1.getPublicKey(sk, false),
  signHash(hash, sk) {
    const rec = secp256k1.sign(hash, sk, { prehash: false, format: "recovered", lowS: true });
    const out = new Uint8Array(65);
    out.set(rec.subarray(1), 0);
    out[64] = rec[0]!;
    return out;
  },
  recoverPublicKey(hash, signature) {
    if (signature.length !== 65 || hash.length !== 32) return undefined;
    const v = signature[64]!;
    if (v > 1) return undefined;
    const r = toScalar(signature.subarray(0, 32));
    const s = toScalar(signature.subarray(32, 64));
    if (r === 0n || s === 0n || r >= N || s >= N) return undefined;
    try {
      const sig = new secp256k1.Signature(r, s, v);
      return sig.recoverPublicKey(hash).toBytes(false);
    } catch {
      return undefined;
    }
  },
};
