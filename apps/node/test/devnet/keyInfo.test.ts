import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { bytesToHex, hexToBytes } from "@theta/core-types";
import {
  blsPopVerify,
  blsPublicKey,
  blsPublicKeyFromBytes,
  blsSecretKeyFromPrivateKey,
  blsSignatureFromBytes,
} from "@theta/crypto";
import { describe, expect, it } from "vitest";
import {
  PRIVATENET_PASSWORD,
  PRIVATENET_TEST_KEYS,
  PRIVATENET_VALIDATOR,
} from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE, runTheta } from "../cli/runTheta.ts";

const privateKey = hexToBytes(
  PRIVATENET_TEST_KEYS.find((k) => k.address === PRIVATENET_VALIDATOR)!.privateKey,
);
const expectedPubkey = `0x${bytesToHex(blsPublicKey(blsSecretKeyFromPrivateKey(privateKey)).bytes)}`;

describe("theta key info", () => {
  it("prints the key's address, its BLS public key and a proof of possession that verifies (--json)", async () => {
    const r = await runTheta(["key", "info", `--config=${FIXTURE_NODE}`, "--json"], {
      env: { THETA_NODE_PASSWORD: PRIVATENET_PASSWORD },
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as { address: string; blsPubkey: string; blsPop: string };
    expect(info.address).toBe(`0x${PRIVATENET_VALIDATOR}`);
    expect(info.blsPubkey).toBe(expectedPubkey);
    const pk = blsPublicKeyFromBytes(hexToBytes(info.blsPubkey));
    expect(blsPopVerify(pk, blsSignatureFromBytes(hexToBytes(info.blsPop)))).toBe(true);
  }, 60_000);

  it("reads a keystore file given with --key, the password from --password, and prints text", async () => {
    const dir = join(FIXTURE_NODE, "key", "encrypted");
    const [file] = await readdir(dir);
    const r = await runTheta([
      "key",
      "info",
      `--key=${join(dir, file!)}`,
      `--password=${PRIVATENET_PASSWORD}`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Address:                 0x${PRIVATENET_VALIDATOR}`);
    expect(r.stdout).toContain(`BLS public key:          ${expectedPubkey}`);
    expect(r.stdout).toMatch(/BLS proof of possession: 0x[0-9a-f]{192}\n/);
  }, 60_000);

  it("fails with the codec's error on a wrong password", async () => {
    const r = await runTheta(["key", "info", `--config=${FIXTURE_NODE}`, "--password=not-it"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*\[[A-Z_]+\]\n$/);
    expect(r.stdout).toBe("");
  }, 60_000);
});
