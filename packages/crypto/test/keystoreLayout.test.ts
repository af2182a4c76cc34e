/**
 * What encryptKeystore writes and decryptKeystore reads back, checked with a recording scrypt (so
 * every parameter handed to the KDF is seen) and an independent AES-128-CTR on node:crypto.
 */
import { createCipheriv } from "node:crypto";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes, isThetaError } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  CryptoErrorCode,
  decryptKeystore,
  defaultCrypto,
  encryptKeystore,
  type KeystoreJson,
  type ScryptFn,
  serializeKeystore,
  THETA_SCRYPT_N,
  uuidV4,
} from "../src/index.ts";

const sk = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const skAddress = "2e833968e5bb786ae419c4d13189fb081cc43bab";

/** Random bytes 1, 2, 3, … across calls: salt, iv and id are then known in advance. */
function countingRandom() {
  let next = 1;
  const lengths: number[] = [];
  return {
    lengths,
    randomBytes(n: number) {
      lengths.push(n);
      return Uint8Array.from({ length: n }, () => next++ & 0xff);
    },
  };
}

/** A stand-in KDF: keccak of (password ‖ salt ‖ counter) blocks, recording each call's parameters. */
function recordingScrypt() {
  const calls: { password: string; salt: string; N: number; r: number; p: number; dkLen: number }[] = [];
  const fn: ScryptFn = (password, salt, { N, r, p, dkLen }) => {
    calls.push({ password: bytesToHex(password), salt: bytesToHex(salt), N, r, p, dkLen });
    const out = new Uint8Array(dkLen);
    for (let i = 0; i * 32 < dkLen; i++) {
      const block = keccak_256(Uint8Array.from([...password, ...salt, i]));
      out.set(block.subarray(0, Math.min(32, dkLen - i * 32)), i * 32);
    }
    return out;
  };
  return { calls, fn };
}

const range = (from: number, n: number) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return isThetaError(e) ? e.code : `not a ThetaError: ${String(e)}`;
  }
}

describe("encryptKeystore", () => {
  it("draws salt (32), iv (16) and id (16) from the random port, in that order", async () => {
    const random = countingRandom();
    const ks = await encryptKeystore(sk, "pw", { random, scrypt: recordingScrypt().fn });
    expect(random.lengths).toEqual([32, 16, 16]);
    expect(ks.crypto.kdfparams.salt).toBe(bytesToHex(range(1, 32)));
    expect(ks.crypto.cipherparams.iv).toBe(bytesToHex(range(33, 16)));
    expect(ks.id).toBe(uuidV4(range(49, 16)));
  });

  it("hands scrypt the UTF-8 password, the salt and N = 262144, r = 8, p = 1, dkLen = 32", async () => {
    const kdf = recordingScrypt();
    const ks = await encryptKeystore(sk, "pässword", { random: countingRandom(), scrypt: kdf.fn });
    expect(THETA_SCRYPT_N).toBe(262_144);
    expect(kdf.calls).toEqual([
      {
        password: bytesToHex(new TextEncoder().encode("pässword")),
        salt: bytesToHex(range(1, 32)),
        N: 262_144,
        r: 8,
        p: 1,
        dkLen: 32,
      },
    ]);
    expect(ks.crypto.kdfparams).toEqual({
      dklen: 32,
      n: 262_144,
      p: 1,
      r: 8,
      salt: bytesToHex(range(1, 32)),
    });
  });

  it("uses the scryptN option when given, for the KDF and the stored n", async () => {
    const kdf = recordingScrypt();
    const ks = await encryptKeystore(
      sk,
      "pw",
      { random: countingRandom(), scrypt: kdf.fn },
      { scryptN: 1024 },
    );
    expect(kdf.calls[0]!.N).toBe(1024);
    expect(ks.crypto.kdfparams.n).toBe(1024);
  });

  it("writes AES-128-CTR under dk[0:16] and a MAC of keccak(dk[16:32] ‖ ciphertext)", async () => {
    const kdf = recordingScrypt();
    const ks = await encryptKeystore(sk, "pw", { random: countingRandom(), scrypt: kdf.fn });
    const dk = await kdf.fn(new TextEncoder().encode("pw"), range(1, 32), { N: 1, r: 1, p: 1, dkLen: 32 });
    const cipher = createCipheriv("aes-128-ctr", dk.subarray(0, 16), range(33, 16));
    const ct = Buffer.concat([cipher.update(sk), cipher.final()]);
    expect(ks.crypto.ciphertext).toBe(ct.toString("hex"));
    expect(ks.crypto.mac).toBe(bytesToHex(keccak_256(Uint8Array.from([...dk.subarray(16, 32), ...ct]))));
    expect(JSON.parse(serializeKeystore(ks))).toEqual(ks);
    expect(ks).toMatchObject({
      address: skAddress,
      crypto: { cipher: "aes-128-ctr", kdf: "scrypt" },
      version: 3,
    });
  });

  it("decrypts back with the same KDF, and with the address check", async () => {
    const kdf = recordingScrypt();
    const ks = await encryptKeystore(sk, "pw", { random: countingRandom(), scrypt: kdf.fn });
    const key = await decryptKeystore(ks, "pw", { scrypt: kdf.fn }, hexToBytes(skAddress));
    expect(bytesToHex(key)).toBe(bytesToHex(sk));
    expect(kdf.calls[1]).toEqual(kdf.calls[0]);
  });

  it("without an injected KDF, noble's scrypt is used both ways (small N)", async () => {
    const ks = await encryptKeystore(sk, "pw", { random: countingRandom() }, { scryptN: 16 });
    expect(bytesToHex(await decryptKeystore(ks, "pw", {}))).toBe(bytesToHex(sk));
    expect(await codeOf(decryptKeystore(ks, "px", {}))).toBe(CryptoErrorCode.KeystoreWrongPassword);
    await expect(decryptKeystore(ks, "px", {})).rejects.toThrow("could not decrypt key with given password");
  });

  it("uses an injected crypto backend for the address and the MAC", async () => {
    const seen: string[] = [];
    const crypto = {
      ...defaultCrypto,
      privateKeyToAddress: (k: Uint8Array) => {
        seen.push("address");
        return defaultCrypto.privateKeyToAddress(k);
      },
      keccak256: (b: Uint8Array) => {
        seen.push("keccak");
        return defaultCrypto.keccak256(b);
      },
    };
    const kdf = recordingScrypt();
    const ks = await encryptKeystore(sk, "pw", { random: countingRandom(), scrypt: kdf.fn, crypto });
    expect(seen).toEqual(["address", "keccak"]);
    await decryptKeystore(ks, "pw", { scrypt: kdf.fn, crypto }, hexToBytes(skAddress));
    expect(seen).toEqual(["address", "keccak", "keccak", "address"]);
  });
});

describe("uuidV4", () => {
  it("sets the version nibble to 4 and the variant bits to 10, keeping the other bits", () => {
    expect(uuidV4(new Uint8Array(16).fill(0xff))).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(uuidV4(new Uint8Array(16))).toBe("00000000-0000-4000-8000-000000000000");
    expect(uuidV4(range(0, 16))).toBe("00010203-0405-4607-8809-0a0b0c0d0e0f");
  });

  it("reads only the first 16 bytes and leaves its input unchanged", () => {
    const input = new Uint8Array(20).fill(0xff);
    expect(uuidV4(input)).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect([...input]).toEqual(new Array(20).fill(0xff));
  });
});

describe("key lengths inside the ciphertext", () => {
  /** A keystore around an arbitrary plaintext, built independently (node:crypto AES, recording KDF). */
  async function keystoreFor(plain: Uint8Array): Promise<{ ks: KeystoreJson; kdf: ScryptFn }> {
    const kdf = recordingScrypt().fn;
    const salt = range(1, 32);
    const iv = range(33, 16);
    const dk = await kdf(new TextEncoder().encode("pw"), salt, { N: 16, r: 8, p: 1, dkLen: 32 });
    const c = createCipheriv("aes-128-ctr", dk.subarray(0, 16), iv);
    const ct = Buffer.concat([c.update(plain), c.final()]);
    const mac = keccak_256(Uint8Array.from([...dk.subarray(16, 32), ...ct]));
    const ks: KeystoreJson = {
      address: "",
      crypto: {
        cipher: "aes-128-ctr",
        ciphertext: ct.toString("hex"),
        cipherparams: { iv: bytesToHex(iv) },
        kdf: "scrypt",
        kdfparams: { dklen: 32, n: 16, p: 1, r: 8, salt: bytesToHex(salt) },
        mac: bytesToHex(mac),
      },
      id: "",
      version: 3,
    };
    return { ks, kdf };
  }

  it("a 31-byte key is left-padded with a zero byte", async () => {
    const { ks, kdf } = await keystoreFor(sk.subarray(1));
    const key = await decryptKeystore(ks, "pw", { scrypt: kdf });
    expect(bytesToHex(key)).toBe(`00${bytesToHex(sk.subarray(1))}`);
  });

  it("a 33-byte plaintext keeps its last 32 bytes", async () => {
    const { ks, kdf } = await keystoreFor(Uint8Array.from([0xab, ...sk]));
    expect(bytesToHex(await decryptKeystore(ks, "pw", { scrypt: kdf }))).toBe(bytesToHex(sk));
  });

  it("64 bytes is the longest ciphertext accepted; 65 is malformed", async () => {
    const long = await keystoreFor(Uint8Array.from([...range(100, 32), ...sk]));
    expect(bytesToHex(await decryptKeystore(long.ks, "pw", { scrypt: long.kdf }))).toBe(bytesToHex(sk));
    const tooLong = await keystoreFor(Uint8Array.from([...range(100, 33), ...sk]));
    await expect(decryptKeystore(tooLong.ks, "pw", { scrypt: tooLong.kdf })).rejects.toThrow(
      "keystore: crypto.ciphertext: longer than a private key",
    );
  });

  it("a zero key decrypts without an address, and is an address mismatch with one", async () => {
    const { ks, kdf } = await keystoreFor(new Uint8Array(32));
    expect(bytesToHex(await decryptKeystore(ks, "pw", { scrypt: kdf }))).toBe("00".repeat(32));
    const err = await decryptKeystore(ks, "pw", { scrypt: kdf }, hexToBytes(skAddress)).catch((e) => e);
    expect(err.code).toBe(CryptoErrorCode.KeystoreAddressMismatch);
    expect(err.message).toBe("key content mismatch: not a valid private key");
  });

  it("a valid key for another address names both accounts, checksummed", async () => {
    const { ks, kdf } = await keystoreFor(sk);
    const want = hexToBytes("511f5b5af946edca88217eb9404477a95cb5c3f4");
    const err = await decryptKeystore(ks, "pw", { scrypt: kdf }, want).catch((e) => e);
    expect(err.code).toBe(CryptoErrorCode.KeystoreAddressMismatch);
    expect(err.message).toBe(
      `key content mismatch: have account ${defaultCrypto.toChecksumAddress(hexToBytes(skAddress))}, want ${defaultCrypto.toChecksumAddress(want)}`,
    );
  });
});
