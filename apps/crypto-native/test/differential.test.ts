import { bytesToHex } from "@theta/core-types";
import { nobleBackend } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nativeBackend } from "../src/index.ts";

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const hex = (b: Uint8Array | undefined) => (b ? bytesToHex(b) : "none");

function toBytes32(v: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(v.toString(16).padStart(64, "0"), "hex"));
}

/** The same signature with S' = n − S and the recovery bit flipped (accepted by libsecp256k1). */
function highS(sig: Uint8Array): Uint8Array {
  let s = 0n;
  for (const x of sig.subarray(32, 64)) s = (s << 8n) | BigInt(x);
  const out = sig.slice();
  out.set(toBytes32(N - s), 32);
  out[64] = sig[64]! ^ 1;
  return out;
}

const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((k) => nobleBackend.isValidPrivateKey(k));
const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe("noble and native backends produce identical bytes", () => {
  it("keccak256 on 3,000 random inputs", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (d) => {
        expect(hex(nativeBackend.keccak256(d))).toBe(hex(nobleBackend.keccak256(d)));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("public keys, signatures and recovery (low-S and high-S) on 1,000 random keys and hashes (4,000 recoveries)", () => {
    fc.assert(
      fc.property(key, hash, (sk, h) => {
        expect(hex(nativeBackend.publicKey(sk))).toBe(hex(nobleBackend.publicKey(sk)));
        const sig = nobleBackend.signHash(h, sk);
        expect(hex(nativeBackend.signHash(h, sk))).toBe(hex(sig));
        const pub = hex(nobleBackend.publicKey(sk));
        expect(hex(nobleBackend.recoverPublicKey(h, sig))).toBe(pub);
        expect(hex(nativeBackend.recoverPublicKey(h, sig))).toBe(pub);
        const hi = highS(sig);
        expect(hex(nobleBackend.recoverPublicKey(h, hi))).toBe(pub);
        expect(hex(nativeBackend.recoverPublicKey(h, hi))).toBe(pub);
      }),
      { numRuns: 1000, seed: 7 },
    );
    // 4,000 noble recoveries: a minute or more on a loaded 2-core machine
  }, 240_000);

  it("recovery agrees on 3,000 random (mostly invalid) signatures", () => {
    fc.assert(
      fc.property(hash, fc.uint8Array({ minLength: 65, maxLength: 65 }), fc.nat({ max: 5 }), (h, sig, v) => {
        const s = sig.slice();
        s[64] = v;
        expect(hex(nativeBackend.recoverPublicKey(h, s))).toBe(hex(nobleBackend.recoverPublicKey(h, s)));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it("private-key validity agrees, including 0, n and n+1", () => {
    for (const v of [0n, 1n, N - 1n, N, N + 1n, 2n ** 256n - 1n]) {
      const k = toBytes32(v);
      expect(nativeBackend.isValidPrivateKey(k)).toBe(nobleBackend.isValidPrivateKey(k));
    }
    expect(nobleBackend.isValidPrivateKey(new Uint8Array(31))).toBe(false);
    expect(nativeBackend.isValidPrivateKey(new Uint8Array(31))).toBe(false);
  });
});
