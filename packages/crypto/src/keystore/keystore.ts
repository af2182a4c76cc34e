/**
 * Encrypt and decrypt v3 keystores exactly as the reference: scrypt (N = 262144, r = 8, p = 1,
 * dkLen = 32), AES-128-CTR with dk[0:16], MAC = keccak256(dk[16:32] ‖ ciphertext), compact JSON
 * with the member order the reference writes. pbkdf2 (hmac-sha256) keystores are read too.
 */
import { ctr } from "@noble/ciphers/aes.js";
import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  bytesToHex,
  concatBytes,
  equalBytes,
  hexToBytes,
  isThetaError,
  ThetaError,
  utf8ToBytes,
} from "@theta/core-types";
import { defaultCrypto, type ThetaCrypto } from "../crypto.ts";
import { CryptoErrorCode } from "../errors.ts";
import { type KeystoreJson, type RandomSource, type ScryptFn, THETA_SCRYPT_N } from "./types.ts";
import { uuidV4 } from "./uuid.ts";

/** What the keystore needs: randomness, and optionally a faster scrypt and the crypto to use. */
export interface KeystoreDeps {
  readonly random: RandomSource;
  readonly scrypt?: ScryptFn;
  readonly crypto?: ThetaCrypto;
}

const nobleScrypt: ScryptFn = (password, salt, { N, r, p, dkLen }) =>
  scryptAsync(password, salt, { N, r, p, dkLen });

function malformed(message: string): never {
  throw new ThetaError(CryptoErrorCode.KeystoreMalformed, `keystore: ${message}`);
}

function hexField(v: unknown, field: string): Uint8Array {
  if (typeof v !== "string") malformed(`${field}: expected a hex string`);
  try {
    return hexToBytes(v, field);
  } catch (e) {
    if (isThetaError(e)) malformed(e.message);
    throw e;
  }
}

function intField(v: unknown, field: string, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1 || v > max) {
    malformed(`${field}: expected a positive integer up to ${max}`);
  }
  return v;
}

/** Encrypts a private key; returns the keystore object (write it with `serializeKeystore`: compact, reference member order). */
export async function encryptKeystore(
  privateKey: Uint8Array,
  password: string,
  deps: KeystoreDeps,
  opts: { scryptN?: number } = {},
): Promise<KeystoreJson> {
  const c = deps.crypto ?? defaultCrypto;
  const address = c.privateKeyToAddress(privateKey);
  const salt = deps.random.randomBytes(32);
  const iv = deps.random.randomBytes(16);
  const id = uuidV4(deps.random.randomBytes(16));
  const N = opts.scryptN ?? THETA_SCRYPT_N;
  const dk = await (deps.scrypt ?? nobleScrypt)(utf8ToBytes(password), salt, { N, r: 8, p: 1, dkLen: 32 });
  const ciphertext = ctr(dk.subarray(0, 16), iv).encrypt(privateKey);
  const mac = c.keccak256(concatBytes(dk.subarray(16, 32), ciphertext));
  return {
    address: bytesToHex(address),
    crypto: {
      cipher: "aes-128-ctr",
      ciphertext: bytesToHex(ciphertext),
      cipherparams: { iv: bytesToHex(iv) },
      kdf: "scrypt",
      kdfparams: { dklen: 32, n: N, p: 1, r: 8, salt: bytesToHex(salt) },
      mac: bytesToHex(mac),
    },
    id,
    version: 3,
  };
}

/** The compact JSON text the reference writes (member order as in docs/interfaces.md §4.1). */
export function serializeKeystore(ks: KeystoreJson): string {
  return JSON.stringify(ks);
}

async function deriveKey(
  kdf: unknown,
  params: Record<string, unknown>,
  password: Uint8Array,
  scrypt: ScryptFn,
) {
  const salt = hexField(params.salt, "crypto.kdfparams.salt");
  const dkLen = intField(params.dklen, "crypto.kdfparams.dklen", 64);
  if (dkLen < 32) malformed("crypto.kdfparams.dklen: expected at least 32");
  if (kdf === "scrypt") {
    const N = intField(params.n, "crypto.kdfparams.n", 2 ** 24);
    if ((N & (N - 1)) !== 0 || N < 2) malformed("crypto.kdfparams.n: expected a power of two");
    const r = intField(params.r, "crypto.kdfparams.r", 64);
    const p = intField(params.p, "crypto.kdfparams.p", 64);
    return scrypt(password, salt, { N, r, p, dkLen });
  }
  if (kdf === "pbkdf2") {
    if (params.prf !== "hmac-sha256") {
      throw new ThetaError(
        CryptoErrorCode.KeystoreUnsupported,
        `Unsupported PBKDF2 PRF: ${String(params.prf)}`,
      );
    }
    const cIter = intField(params.c, "crypto.kdfparams.c", 10_000_000);
    return pbkdf2Async(sha256, password, salt, { c: cIter, dkLen });
  }
  throw new ThetaError(CryptoErrorCode.KeystoreUnsupported, `Non-supported KDF: ${String(kdf)}`);
}

/**
 * Decrypts a keystore (object or JSON text). With `expectedAddress`, the derived address must
 * match (the reference's "key content mismatch"). Returns the 32-byte private key.
 */
export async function decryptKeystore(
  keystore: KeystoreJson | string,
  password: string,
  deps: Omit<KeystoreDeps, "random">,
  expectedAddress?: Uint8Array,
): Promise<Uint8Array> {
  let ks: unknown = keystore;
  if (typeof keystore === "string") {
    try {
      ks = JSON.parse(keystore);
    } catch {
      malformed("not valid JSON");
    }
  }
  if (typeof ks !== "object" || ks === null) malformed("expected a JSON object");
  const obj = ks as Record<string, unknown>;
  if (obj.version !== 3)
    throw new ThetaError(CryptoErrorCode.KeystoreUnsupported, `Version ${String(obj.version)} not supported`);
  const cr = obj.crypto as Record<string, unknown> | undefined;
  if (typeof cr !== "object" || cr === null) malformed("crypto: expected an object");
  if (cr.cipher !== "aes-128-ctr") {
    throw new ThetaError(CryptoErrorCode.KeystoreUnsupported, `Cipher not supported: ${String(cr.cipher)}`);
  }
  const params = cr.kdfparams as Record<string, unknown> | undefined;
  if (typeof params !== "object" || params === null) malformed("crypto.kdfparams: expected an object");
  const cipherparams = cr.cipherparams as Record<string, unknown> | undefined;
  if (typeof cipherparams !== "object" || cipherparams === null)
    malformed("crypto.cipherparams: expected an object");
  const iv = hexField(cipherparams.iv, "crypto.cipherparams.iv");
  if (iv.length !== 16) malformed("crypto.cipherparams.iv: expected 16 bytes");
  const ciphertext = hexField(cr.ciphertext, "crypto.ciphertext");
  if (ciphertext.length > 64) malformed("crypto.ciphertext: longer than a private key");
  const mac = hexField(cr.mac, "crypto.mac");
  const c = deps.crypto ?? defaultCrypto;
  const dk = await deriveKey(cr.kdf, params, utf8ToBytes(password), deps.scrypt ?? nobleScrypt);
  if (!equalBytes(c.keccak256(concatBytes(dk.subarray(16, 32), ciphertext)), mac)) {
    throw new ThetaError(CryptoErrorCode.KeystoreWrongPassword, "could not decrypt key with given password");
  }
  const plain = ctr(dk.subarray(0, 16), iv).decrypt(ciphertext);
  const key = new Uint8Array(32);
  key.set(plain.subarray(Math.max(0, plain.length - 32)), 32 - Math.min(32, plain.length));
  if (expectedAddress) {
    let derived: Uint8Array;
    try {
      derived = c.privateKeyToAddress(key);
    } catch {
      throw new ThetaError(
        CryptoErrorCode.KeystoreAddressMismatch,
        "key content mismatch: not a valid private key",
      );
    }
    if (!equalBytes(derived, expectedAddress)) {
      throw new ThetaError(
        CryptoErrorCode.KeystoreAddressMismatch,
        `key content mismatch: have account ${c.toChecksumAddress(derived)}, want ${c.toChecksumAddress(expectedAddress)}`,
      );
    }
  }
  return key;
}
