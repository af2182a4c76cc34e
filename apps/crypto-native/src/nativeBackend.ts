/**
 * The native `CryptoBackend`: libsecp256k1 through the `secp256k1` npm package and keccak256 on
 * XKCP (keccak.ts) for long inputs, on our WebAssembly sponge (wasm/keccak.ts) for short ones.
 * Both npm packages ship prebuilt N-API binaries. Produces the same bytes as @theta/crypto's
 * noble backend (test/differential.test.ts).
 */
import { createRequire } from "node:module";
import type { CryptoBackend } from "@theta/crypto";
import { keccak256Xkcp } from "./keccak.ts";
import { createWasmKeccak256 } from "./wasm/keccak.ts";

interface Secp256k1Native {
  privateKeyVerify(sk: Uint8Array): boolean;
  publicKeyCreate(sk: Uint8Array, compressed?: boolean): Uint8Array;
  ecdsaSign(hash: Uint8Array, sk: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig: Uint8Array, recid: number, hash: Uint8Array, compressed?: boolean): Uint8Array;
}

const secp = createRequire(import.meta.url)("secp256k1") as Secp256k1Native;

/**
 * Inputs shorter than this go to the WebAssembly sponge (trie nodes, sign bytes, public keys: no
 * hash object and no N-API crossing per call), longer ones to XKCP (`pnpm bench` prints both).
 */
export const WASM_KECCAK_BELOW = 4096;
const keccakWasm = createWasmKeccak256();

/** The native `CryptoBackend`, for `createCrypto(nativeBackend)`. */
export const nativeBackend: CryptoBackend = {
  name: "native",
  keccak256: (data) => (data.length < WASM_KECCAK_BELOW ? keccakWasm(data) : keccak256Xkcp(data)),
  isValidPrivateKey: (sk) => sk.length === 32 && secp.privateKeyVerify(sk),
  publicKey: (sk) => secp.publicKeyCreate(sk, false),
  signHash(hash, sk) {
    const { signature, recid } = secp.ecdsaSign(hash, sk);
    const out = new Uint8Array(65);
    out.set(signature, 0);
    out[64] = recid;
    return out;
  },
  recoverPublicKey(hash, signature) {
    if (signature.length !== 65 || hash.length !== 32 || signature[64]! > 1) return undefined;
    try {
      return secp.ecdsaRecover(signature.subarray(0, 64), signature[64]!, hash, false);
    } catch {
      return undefined;
    }
  },
};
