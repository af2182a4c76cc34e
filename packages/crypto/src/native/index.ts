/**
 * The native backend: libsecp256k1 and XKCP keccak through the `secp256k1` and `keccak` npm
 * packages (N-API, prebuilt binaries), with short keccak inputs on our WebAssembly sponge
 * (wasm/keccak.ts). Opt in from an app:
 *   import { nativeBackend } from "@theta/crypto/native";
 *   const crypto = createCrypto(nativeBackend);
 */
import { createRequire } from "node:module";
import type { CryptoBackend } from "../backend.ts";
import { createWasmKeccak256 } from "../wasm/keccak.ts";

interface Secp256k1Native {
  privateKeyVerify(sk: Uint8Array): boolean;
  publicKeyCreate(sk: Uint8Array, compressed?: boolean): Uint8Array;
  ecdsaSign(hash: Uint8Array, sk: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig: Uint8Array, recid: number, hash: Uint8Array, compressed?: boolean): Uint8Array;
}
type KeccakFactory = (algorithm: "keccak256") => { update(d: Buffer): { digest(): Buffer } };
/** The `keccak` package's native sponge (what its stream wrapper drives). */
interface KeccakSponge {
  initialize(rate: number, capacity: number): void;
  absorb(data: Buffer): void;
  absorbLastFewBits(bits: number): void;
  squeeze(length: number): Buffer;
}

const require = createRequire(import.meta.url);
const secp = require("secp256k1") as Secp256k1Native;
const createKeccak = require("keccak") as KeccakFactory;

/**
 * keccak256 on one reused native sponge: the package's `createKeccak` builds a stream object per
 * hash, which costs more than hashing a trie node. Falls back to `createKeccak` when the addon
 * cannot be reached directly.
 */
function sponge256(): ((data: Buffer) => Buffer) | undefined {
  try {
    const pkg = require.resolve("keccak/package.json");
    const load = createRequire(pkg)("node-gyp-build") as (dir: string) => new () => KeccakSponge;
    const state = new (load(pkg.slice(0, -"/package.json".length)))();
    return (data) => {
      state.initialize(1088, 512); // keccak256: rate 1088 bits, capacity 512
      state.absorb(data);
      state.absorbLastFewBits(0x01); // Keccak padding (not SHA-3's 0x06)
      return state.squeeze(32);
    };
  } catch {
    return undefined;
  }
}
const keccakNative = sponge256() ?? ((data: Buffer) => createKeccak("keccak256").update(data).digest());

/** keccak256 through the N-API binding (XKCP): the fastest per byte, but each call costs several crossings. */
export function keccak256Xkcp(data: Uint8Array): Uint8Array {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out = keccakNative(view);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Inputs shorter than this go to the WebAssembly sponge (trie nodes, sign bytes, public keys:
 * 1.5–1.9x faster there), longer ones to XKCP (crypto's `pnpm bench` prints both).
 */
const WASM_KECCAK_BELOW = 4096;
const keccakWasm = createWasmKeccak256();

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
