/**
 * Cheap stand-ins for secp256k1 in large simulations: a "signature" is the signer's address followed by
 * a 64-bit FNV-1a digest of the message, zero-padded to 65 bytes like a real one, and recovery checks the
 * digest and returns the address. Hashing (`keccak256`) is the real one, so block hashes and encodings
 * are the real ones. Not secure: for simulations only; runs that need real signatures pass
 * `defaultCrypto` and a real key instead.
 */
import { concatBytes, equalBytes } from "@theta/core-types";
import { type BlsSecretKey, blsPublicKey, blsSign, defaultCrypto } from "@theta/crypto";
import type { ConsensusCrypto, Signer } from "../ports.ts";

const PAD = new Uint8Array(37);

/** FNV-1a, 64-bit, as 8 bytes. */
function digest(message: Uint8Array): Uint8Array {
  let h = 0xcbf29ce484222325n;
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  for (let i = 0; i < message.length; i++) {
    lo ^= message[i] as number;
    // (hi:lo) *= 0x100000001b3, kept in two 32-bit halves
    const l = lo * 0x1b3;
    const carry = Math.floor(l / 0x100000000);
    hi = (hi * 0x1b3 + lo * 0x100 + carry) >>> 0;
    lo = l >>> 0;
  }
  h = (BigInt(hi) << 32n) | BigInt(lo);
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(h & 0xffn);
    h >>= 8n;
  }
  return out;
}

/** A signer whose signatures {@link fakeCrypto} recovers; with `bls`, it also signs as that guardian. */
export function createFakeSigner(address: Uint8Array, bls?: BlsSecretKey): Signer {
  return {
    address: () => address,
    signSecp256k1: (message) => concatBytes(address, digest(message), PAD),
    blsPubkey: () => (bls === undefined ? undefined : blsPublicKey(bls).bytes),
    signBls: (message) => (bls === undefined ? new Uint8Array(96) : blsSign(bls, message).bytes),
  };
}

/** Real keccak256; recovery that pairs with {@link createFakeSigner}. */
export const fakeCrypto: ConsensusCrypto = {
  keccak256: (data) => defaultCrypto.keccak256(data),
  recoverAddress(message, signature) {
    if (signature.length !== 65) return undefined;
    if (!equalBytes(signature.subarray(20, 28), digest(message))) return undefined;
    return signature.slice(0, 20);
  },
};

/** A signer over a real secp256k1 private key (pairs with `defaultCrypto`). */
export function createKeySigner(privateKey: Uint8Array): Signer {
  const address = defaultCrypto.privateKeyToAddress(privateKey);
  return {
    address: () => address,
    signSecp256k1: (message) => defaultCrypto.sign(message, privateKey),
    blsPubkey: () => undefined,
    signBls: () => new Uint8Array(96),
  };
}
