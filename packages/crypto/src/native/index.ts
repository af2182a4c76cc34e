/**
 * The native backend: libsecp256k1 and XKCP keccak through the `secp256k1` and `keccak` npm
 * packages (N-API, prebuilt binaries). Opt in from an app:
 *   import { nativeBackend } from "@theta/crypto/native";
 *   const crypto = createCrypto(nativeBackend);
 */
import { createRequire } from "node:module";
import type { CryptoBackend } from "../backend.ts";

interface Secp256k1Native {
  privateKeyVerify(sk: Uint8Array): boolean;
  publicKeyCreate(sk: Uint8Array, compressed?: boolean): Uint8Array;
  ecdsaSign(hash: Uint8Array, sk: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig: Uint8Array, recid: number, hash: Uint8Array, compressed?: boolean): Uint8Array;
}
type KeccakFactory = (algorithm: "keccak256") => { update(d: Buffer): { digest(): Buffer } };

const require = createRequire(import.meta.url);
const secp = require("secp256k1") as Secp256k1Native;
const createKeccak = require("keccak") as KeccakFactory;

export const nativeBackend: CryptoBackend = {
  name: "native",
  keccak256: (data) => {
    const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const out = createKeccak("keccak256").update(view).digest();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
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
