/**
 * decryptKeystore's checks of each field before any key is derived: the error code and the message
 * naming the field, and the bounds that are still accepted.
 */
import { createCipheriv, pbkdf2Sync } from "node:crypto";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  CryptoErrorCode,
  decryptKeystore,
  encryptKeystore,
  type KeystoreJson,
  type ScryptFn,
} from "../src/index.ts";

const sk = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const random = { randomBytes: (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff) };

/** A stand-in KDF (keccak blocks of password ‖ salt ‖ counter), any dkLen. */
const fakeScrypt: ScryptFn = (password, salt, { dkLen }) => {
  const out = new Uint8Array(dkLen);
  for (let i = 0; i * 32 < dkLen; i++) {
    const block = keccak_256(Uint8Array.from([...password, ...salt, i]));
    out.set(block.subarray(0, Math.min(32, dkLen - i * 32)), i * 32);
  }
  return out;
};

const base = () => encryptKeystore(sk, "pw", { random, scrypt: fakeScrypt });

/** The keystore with crypto (or crypto.kdfparams) members replaced. */
function withCrypto(ks: KeystoreJson, c: Record<string, unknown>): KeystoreJson {
  return { ...ks, crypto: { ...ks.crypto, ...c } } as KeystoreJson;
}
function withKdf(ks: KeystoreJson, p: Record<string, unknown>): KeystoreJson {
  return withCrypto(ks, { kdfparams: { ...ks.crypto.kdfparams, ...p } });
}

async function failure(ks: unknown): Promise<{ code: string; message: string }> {
  try {
    await decryptKeystore(ks as KeystoreJson, "pw", { scrypt: fakeScrypt });
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error("expected a failure");
}
const malformed = (message: string) => ({
  code: CryptoErrorCode.KeystoreMalformed,
  message: `keystore: ${message}`,
});
const unsupported = (message: string) => ({ code: CryptoErrorCode.KeystoreUnsupported, message });

describe("the document", () => {
  it("text that is not JSON, and JSON that is not an object, are malformed", async () => {
    expect(await failure("{not json")).toEqual(malformed("not valid JSON"));
    expect(await failure("42")).toEqual(malformed("expected a JSON object"));
    expect(await failure("null")).toEqual(malformed("expected a JSON object"));
  });

  it("JSON text of a good keystore decrypts like the object", async () => {
    const ks = await base();
    const key = await decryptKeystore(JSON.stringify(ks), "pw", { scrypt: fakeScrypt });
    expect(bytesToHex(key)).toBe(bytesToHex(sk));
  });

  it("only version 3 is read", async () => {
    const ks = await base();
    expect(await failure({ ...ks, version: 2 })).toEqual(unsupported("Version 2 not supported"));
    expect(await failure({ ...ks, version: "3" })).toEqual(unsupported("Version 3 not supported"));
  });

  it("crypto, kdfparams and cipherparams must be objects", async () => {
    const ks = await base();
    expect(await failure({ ...ks, crypto: null })).toEqual(malformed("crypto: expected an object"));
    expect(await failure({ ...ks, crypto: "x" })).toEqual(malformed("crypto: expected an object"));
    expect(await failure(withCrypto(ks, { kdfparams: null }))).toEqual(
      malformed("crypto.kdfparams: expected an object"),
    );
    expect(await failure(withCrypto(ks, { kdfparams: 5 }))).toEqual(
      malformed("crypto.kdfparams: expected an object"),
    );
    expect(await failure(withCrypto(ks, { cipherparams: null }))).toEqual(
      malformed("crypto.cipherparams: expected an object"),
    );
    expect(await failure(withCrypto(ks, { cipherparams: "iv" }))).toEqual(
      malformed("crypto.cipherparams: expected an object"),
    );
  });

  it("only aes-128-ctr is read", async () => {
    const ks = await base();
    expect(await failure(withCrypto(ks, { cipher: "aes-128-cbc" }))).toEqual(
      unsupported("Cipher not supported: aes-128-cbc"),
    );
  });
});

describe("hex fields", () => {
  it("iv, ciphertext, mac and salt must be hex strings", async () => {
    const ks = await base();
    expect(await failure(withCrypto(ks, { cipherparams: { iv: 7 } }))).toEqual(
      malformed("crypto.cipherparams.iv: expected a hex string"),
    );
    expect(await failure(withCrypto(ks, { ciphertext: undefined }))).toEqual(
      malformed("crypto.ciphertext: expected a hex string"),
    );
    expect(await failure(withCrypto(ks, { mac: ["00"] }))).toEqual(
      malformed("crypto.mac: expected a hex string"),
    );
    expect(await failure(withKdf(ks, { salt: 1 }))).toEqual(
      malformed("crypto.kdfparams.salt: expected a hex string"),
    );
  });

  it("a string that is not hex is malformed and names the field", async () => {
    const ks = await base();
    const f = await failure(withCrypto(ks, { mac: "zz" }));
    expect(f.code).toBe(CryptoErrorCode.KeystoreMalformed);
    expect(f.message).toMatch(/^keystore: .*crypto\.mac/);
  });

  it("the iv is 16 bytes exactly", async () => {
    const ks = await base();
    expect(await failure(withCrypto(ks, { cipherparams: { iv: "00".repeat(15) } }))).toEqual(
      malformed("crypto.cipherparams.iv: expected 16 bytes"),
    );
    expect(await failure(withCrypto(ks, { cipherparams: { iv: "00".repeat(17) } }))).toEqual(
      malformed("crypto.cipherparams.iv: expected 16 bytes"),
    );
  });
});

describe("scrypt parameters", () => {
  it("dklen is an integer from 32 to 64", async () => {
    const ks = await base();
    expect(await failure(withKdf(ks, { dklen: "32" }))).toEqual(intMsg("dklen", 64));
    expect(await failure(withKdf(ks, { dklen: 32.5 }))).toEqual(intMsg("dklen", 64));
    expect(await failure(withKdf(ks, { dklen: 0 }))).toEqual(intMsg("dklen", 64));
    expect(await failure(withKdf(ks, { dklen: 65 }))).toEqual(intMsg("dklen", 64));
    expect(await failure(withKdf(ks, { dklen: 31 }))).toEqual(
      malformed("crypto.kdfparams.dklen: expected at least 32"),
    );
    expect(await failure(withKdf(ks, { dklen: 1 }))).toEqual(
      malformed("crypto.kdfparams.dklen: expected at least 32"),
    );
  });

  it("a 64-byte dklen is accepted and handed to the KDF", async () => {
    const ks = await base();
    const seen: number[] = [];
    const kdf: ScryptFn = (pw, salt, params) => {
      seen.push(params.dkLen);
      return fakeScrypt(pw, salt, params);
    };
    // The MAC was made with the first 32 bytes, which the longer output shares.
    await decryptKeystore(withKdf(ks, { dklen: 64 }), "pw", { scrypt: kdf });
    expect(seen).toEqual([64]);
  });

  it("n is a power of two from 2 up to 2^24", async () => {
    const ks = await base();
    expect(await failure(withKdf(ks, { n: 3 }))).toEqual(
      malformed("crypto.kdfparams.n: expected a power of two"),
    );
    expect(await failure(withKdf(ks, { n: 1 }))).toEqual(
      malformed("crypto.kdfparams.n: expected a power of two"),
    );
    expect(await failure(withKdf(ks, { n: 2 ** 24 + 2 ** 23 }))).toEqual(intMsg("n", 2 ** 24));
    expect(await failure(withKdf(ks, { n: 2 ** 25 }))).toEqual(intMsg("n", 2 ** 24));
    const seen: number[] = [];
    const kdf: ScryptFn = (pw, salt, params) => {
      seen.push(params.N, params.r, params.p);
      return fakeScrypt(pw, salt, params);
    };
    await decryptKeystore(withKdf(ks, { n: 2 ** 24, r: 64, p: 64 }), "pw", { scrypt: kdf });
    await decryptKeystore(withKdf(ks, { n: 2, r: 1, p: 1 }), "pw", { scrypt: kdf });
    expect(seen).toEqual([2 ** 24, 64, 64, 2, 1, 1]);
  });

  it("r and p are integers from 1 to 64", async () => {
    const ks = await base();
    expect(await failure(withKdf(ks, { r: 0 }))).toEqual(intMsg("r", 64));
    expect(await failure(withKdf(ks, { r: 65 }))).toEqual(intMsg("r", 64));
    expect(await failure(withKdf(ks, { p: 0 }))).toEqual(intMsg("p", 64));
    expect(await failure(withKdf(ks, { p: 65 }))).toEqual(intMsg("p", 64));
  });
});

describe("other KDFs", () => {
  /** A pbkdf2 keystore around the same ciphertext: the MAC is recomputed from node:crypto's pbkdf2. */
  async function pbkdf2Keystore(c: number, prf = "hmac-sha256", storedC = c): Promise<KeystoreJson> {
    const ks = await base();
    const salt = hexToBytes(ks.crypto.kdfparams.salt as string);
    const dk = pbkdf2Sync("pw", salt, c, 32, "sha256");
    const scryptDk = await fakeScrypt(new TextEncoder().encode("pw"), salt, { N: 1, r: 1, p: 1, dkLen: 32 });
    // CTR decryption is encryption: recover the key under the scrypt stand-in, encrypt it again under pbkdf2's.
    const iv = hexToBytes(ks.crypto.cipherparams.iv);
    const plain = createCipheriv("aes-128-ctr", scryptDk.subarray(0, 16), iv).update(
      hexToBytes(ks.crypto.ciphertext),
    );
    const ct = createCipheriv("aes-128-ctr", dk.subarray(0, 16), iv).update(plain);
    const mac = keccak_256(Uint8Array.from([...dk.subarray(16, 32), ...ct]));
    return withCrypto(ks, {
      kdf: "pbkdf2",
      kdfparams: { c: storedC, dklen: 32, prf, salt: ks.crypto.kdfparams.salt },
      ciphertext: ct.toString("hex"),
      mac: bytesToHex(mac),
    });
  }

  it("pbkdf2 with hmac-sha256 is read", async () => {
    const key = await decryptKeystore(await pbkdf2Keystore(1000), "pw", {});
    expect(bytesToHex(key)).toBe(bytesToHex(sk));
  });

  it("pbkdf2 with another PRF, or a bad iteration count, is refused", async () => {
    expect(await failure(await pbkdf2Keystore(1000, "hmac-sha512"))).toEqual(
      unsupported("Unsupported PBKDF2 PRF: hmac-sha512"),
    );
    expect(await failure(await pbkdf2Keystore(1, "hmac-sha256", 0))).toEqual(intMsg("c", 10_000_000));
    expect(await failure(await pbkdf2Keystore(1, "hmac-sha256", 10_000_001))).toEqual(
      intMsg("c", 10_000_000),
    );
  });

  it("any other KDF is unsupported", async () => {
    const ks = await base();
    expect(await failure(withCrypto(ks, { kdf: "argon2" }))).toEqual(
      unsupported("Non-supported KDF: argon2"),
    );
  });
});

function intMsg(field: string, max: number) {
  return malformed(`crypto.kdfparams.${field}: expected a positive integer up to ${max}`);
}
