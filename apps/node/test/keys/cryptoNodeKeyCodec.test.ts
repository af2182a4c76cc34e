import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isThetaError } from "@theta/core-types";
import { nodeScrypt } from "@theta/platform-node";
import { describe, expect, it } from "vitest";
import {
  createCryptoNodeKeyCodec,
  defaultNodeKeyCodec,
  nodeRandom,
} from "../../src/keys/cryptoNodeKeyCodec.ts";

const KEY_DIR = fileURLToPath(
  new URL("../../../../../shared/conformance/theta-privatenet/node/key/encrypted/", import.meta.url),
);
const VALIDATOR = "2E833968E5bB786Ae419c4d13189fB081Cc43bab";

describe("the node key codec on @theta/crypto's keystore", () => {
  it("decrypts the reference privatenet validator key with node:crypto scrypt", async () => {
    const text = readFileSync(`${KEY_DIR}${VALIDATOR}`, "utf8");
    const key = await defaultNodeKeyCodec().decrypt(text, "qwertyuiop", VALIDATOR);
    expect(key.address).toBe(VALIDATOR);
    expect(key.privateKey).toHaveLength(32);
  });

  it("round-trips a generated key (small scrypt N for speed) and refuses a wrong password or file name", async () => {
    const codec = createCryptoNodeKeyCodec({ random: nodeRandom, scrypt: nodeScrypt }, { scryptN: 1024 });
    const key = await codec.generate();
    expect(key.address).toMatch(/^[0-9a-fA-F]{40}$/);
    const text = await codec.encrypt(key, "pw");
    expect(JSON.parse(text).address).toBe(key.address.toLowerCase());
    expect(await codec.decrypt(text, "pw", key.address)).toEqual(key);
    const codes: string[] = [];
    const attempts = [
      () => codec.decrypt(text, "nope", key.address),
      () => codec.decrypt(text, "pw", VALIDATOR),
    ];
    for (const attempt of attempts) {
      try {
        await attempt();
      } catch (e) {
        if (isThetaError(e)) codes.push(e.code);
      }
    }
    expect(codes).toHaveLength(2);
  });
});
