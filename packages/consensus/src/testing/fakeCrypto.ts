/**
 * Cheap stand-ins for secp256k1 in large simulations: a "signature" is the signer's address followed by
 * keccak256 of the message (65 bytes, like a real one), and recovery checks the hash and returns the
 * address. Hashing is the real keccak256, so block hashes and encodings are the real ones. Not secure:
 * for simulations only; runs that need real signatures pass `defaultCrypto` and a real key instead.
 */
import { concatBytes, equalBytes } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { ConsensusCrypto, Signer } from "../ports.ts";

const PAD = new Uint8Array(13);

/** A signer whose signatures {@link fakeCrypto} recovers. */
export function createFakeSigner(address: Uint8Array): Signer {
  return {
    address: () => address,
    signSecp256k1: (message) => concatBytes(address, defaultCrypto.keccak256(message), PAD),
    blsPubkey: () => undefined,
    signBls: () => new Uint8Array(96),
  };
}

/** Real keccak256; recovery that pairs with {@link createFakeSigner}. */
export const fakeCrypto: ConsensusCrypto = {
  keccak256: (data) => defaultCrypto.keccak256(data),
  recoverAddress(message, signature) {
    if (signature.length !== 65) return undefined;
    if (!equalBytes(signature.subarray(20, 52), defaultCrypto.keccak256(message))) return undefined;
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
