import { createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes, isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  CryptoErrorCode,
  decryptKeystore,
  defaultCrypto,
  encryptKeystore,
  type ScryptFn,
  serializeKeystore,
} from "../src/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const keysDir = join(root, "../shared/conformance/theta-privatenet/thetacli/keys");
const nodeScrypt: ScryptFn = (pw, salt, { N, r, p, dkLen }) =>
  new Uint8Array(scryptSync(pw, salt, dkLen, { N, r, p, maxmem: 512 * 1024 * 1024 }));
const random = { randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };

/** A second v3 reader, written independently on node:crypto (scrypt + AES-128-CTR + keccak MAC). */
function independentDecrypt(json: string, password: string): string {
  const ks = JSON.parse(json);
  const kp = ks.crypto.kdfparams;
  const dk = scryptSync(password, Buffer.from(kp.salt, "hex"), kp.dklen, {
    N: kp.n,
    r: kp.r,
    p: kp.p,
    maxmem: 512 * 1024 * 1024,
  });
  const ct = Buffer.from(ks.crypto.ciphertext, "hex");
  const mac = Buffer.from(keccak_256(Buffer.concat([dk.subarray(16, 32), ct]))).toString("hex");
  if (mac !== ks.crypto.mac) throw new Error("mac mismatch");
  const d = createDecipheriv(
    "aes-128-ctr",
    dk.subarray(0, 16),
    Buffer.from(ks.crypto.cipherparams.iv, "hex"),
  );
  return Buffer.concat([d.update(ct), d.final()]).toString("hex");
}

describe.skipIf(!existsSync(keysDir))("the six privatenet keystores (../shared/conformance)", () => {
  const names = existsSync(keysDir) ? readdirSync(join(keysDir, "encrypted")).sort() : [];
  let ran = 0;
  afterAll(() => expect(ran).toBe(6));
  for (const name of names) {
    it(`${name} decrypts with qwertyuiop to its plain key`, async () => {
      const json = readFileSync(join(keysDir, "encrypted", name), "utf8");
      const key = await decryptKeystore(json, "qwertyuiop", { scrypt: nodeScrypt }, hexToBytes(name));
      expect(bytesToHex(key)).toBe(readFileSync(join(keysDir, "plain", name), "utf8").trim());
      expect(defaultCrypto.toChecksumAddress(defaultCrypto.privateKeyToAddress(key))).toBe(`0x${name}`);
      ran++;
    });
  }
  it("one of them also decrypts with the default (noble) scrypt", async () => {
    const json = readFileSync(join(keysDir, "encrypted", names[0]!), "utf8");
    const key = await decryptKeystore(json, "qwertyuiop", {});
    expect(bytesToHex(key)).toBe(readFileSync(join(keysDir, "plain", names[0]!), "utf8").trim());
  });
  it("a wrong password is the reference's error", async () => {
    const json = readFileSync(join(keysDir, "encrypted", names[0]!), "utf8");
    await expect(decryptKeystore(json, "wrong", { scrypt: nodeScrypt })).rejects.toThrow(
      "could not decrypt key with given password",
    );
  });
});

describe("keystores we write", () => {
  const sk = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
  it("have the reference's JSON layout and decrypt with an independent v3 reader", async () => {
    const ks = await encryptKeystore(sk, "pässword", { random, scrypt: nodeScrypt });
    const json = serializeKeystore(ks);
    expect(json).toMatch(
      /^\{"address":"2e833968e5bb786ae419c4d13189fb081cc43bab","crypto":\{"cipher":"aes-128-ctr","ciphertext":"[0-9a-f]{64}","cipherparams":\{"iv":"[0-9a-f]{32}"\},"kdf":"scrypt","kdfparams":\{"dklen":32,"n":262144,"p":1,"r":8,"salt":"[0-9a-f]{64}"\},"mac":"[0-9a-f]{64}"\},"id":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}","version":3\}$/,
    );
    expect(independentDecrypt(json, "pässword")).toBe(bytesToHex(sk));
  });
  it("round-trip through our own reader (light scrypt N)", async () => {
    const ks = await encryptKeystore(sk, "pässword", { random, scrypt: nodeScrypt }, { scryptN: 1024 });
    const json = serializeKeystore(ks);
    expect(independentDecrypt(json, "pässword")).toBe(bytesToHex(sk));
    expect(bytesToHex(await decryptKeystore(json, "pässword", { scrypt: nodeScrypt }))).toBe(bytesToHex(sk));
  });
  it("detect an address mismatch", async () => {
    const ks = await encryptKeystore(sk, "pw", { random, scrypt: nodeScrypt }, { scryptN: 1024 });
    const other = hexToBytes("511f5b5af946edca88217eb9404477a95cb5c3f4");
    await expect(decryptKeystore(ks, "pw", { scrypt: nodeScrypt }, other)).rejects.toThrow(
      /key content mismatch/,
    );
  });
  it("reject unsupported versions and ciphers with the reference's messages", async () => {
    const ks = await encryptKeystore(sk, "pw", { random, scrypt: nodeScrypt }, { scryptN: 1024 });
    await expect(decryptKeystore({ ...ks, version: 4 }, "pw", {})).rejects.toThrow("Version 4 not supported");
    await expect(
      decryptKeystore({ ...ks, crypto: { ...ks.crypto, cipher: "aes-256-gcm" } }, "pw", {}),
    ).rejects.toThrow("Cipher not supported: aes-256-gcm");
  });
  describe("the MAC check (no external data needed)", () => {
    const flip = (hex: string, byte: number): string => {
      const b = hexToBytes(hex);
      b[byte] = (b[byte] as number) ^ 0x01;
      return bytesToHex(b);
    };
    const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
      try {
        await p;
        return undefined;
      } catch (e) {
        return isThetaError(e) ? e.code : `not a ThetaError: ${String(e)}`;
      }
    };
    const fresh = () => encryptKeystore(sk, "pw", { random, scrypt: nodeScrypt }, { scryptN: 1024 });
    const address = defaultCrypto.privateKeyToAddress(sk);

    it("the untouched keystore decrypts (the check passes a valid MAC)", async () => {
      const ks = await fresh();
      expect(bytesToHex(await decryptKeystore(ks, "pw", { scrypt: nodeScrypt }, address))).toBe(
        bytesToHex(sk),
      );
    });

    it("a wrong password fails the MAC: KEYSTORE_WRONG_PASSWORD", async () => {
      const ks = await fresh();
      expect(await codeOf(decryptKeystore(ks, "pW", { scrypt: nodeScrypt }))).toBe(
        CryptoErrorCode.KeystoreWrongPassword,
      );
    });

    for (const byte of [0, 17, 31]) {
      it(`a ciphertext with byte ${byte} flipped fails the MAC (right password, with or without the address)`, async () => {
        const ks = await fresh();
        const bad = { ...ks, crypto: { ...ks.crypto, ciphertext: flip(ks.crypto.ciphertext, byte) } };
        expect(await codeOf(decryptKeystore(bad, "pw", { scrypt: nodeScrypt }))).toBe(
          CryptoErrorCode.KeystoreWrongPassword,
        );
        expect(await codeOf(decryptKeystore(bad, "pw", { scrypt: nodeScrypt }, address))).toBe(
          CryptoErrorCode.KeystoreWrongPassword,
        );
      });
    }

    it("a MAC with one bit changed is refused, as JSON text too", async () => {
      const ks = await fresh();
      const bad = { ...ks, crypto: { ...ks.crypto, mac: flip(ks.crypto.mac, 31) } };
      expect(await codeOf(decryptKeystore(bad, "pw", { scrypt: nodeScrypt }))).toBe(
        CryptoErrorCode.KeystoreWrongPassword,
      );
      expect(
        await codeOf(decryptKeystore(serializeKeystore(bad), "pw", { scrypt: nodeScrypt }, address)),
      ).toBe(CryptoErrorCode.KeystoreWrongPassword);
    });

    it("a ciphertext swapped in from another keystore of the same password is refused", async () => {
      const a = await fresh();
      const b = await encryptKeystore(
        hexToBytes("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446"),
        "pw",
        { random, scrypt: nodeScrypt },
        { scryptN: 1024 },
      );
      const mixed = { ...a, crypto: { ...a.crypto, ciphertext: b.crypto.ciphertext } };
      expect(await codeOf(decryptKeystore(mixed, "pw", { scrypt: nodeScrypt }))).toBe(
        CryptoErrorCode.KeystoreWrongPassword,
      );
    });
  });

  it("random JSON and mutated keystores fail with a typed error, never a crash", async () => {
    const ks = serializeKeystore(
      await encryptKeystore(sk, "pw", { random, scrypt: nodeScrypt }, { scryptN: 16 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.nat({ max: ks.length - 1 }).map((i) => `${ks.slice(0, i)}x${ks.slice(i + 1)}`),
        ),
        async (text) => {
          try {
            await decryptKeystore(text, "pw", { scrypt: nodeScrypt });
          } catch (e) {
            expect(isThetaError(e)).toBe(true);
            const code = (e as { code: string }).code;
            expect(Object.values(CryptoErrorCode)).toContain(code);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
