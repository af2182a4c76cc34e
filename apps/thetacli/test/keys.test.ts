import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Wallet } from "@ethereumjs/wallet";
import { decryptKeystore } from "@theta/crypto";
import { nodeScrypt } from "@theta/platform-node";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./helpers.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const conformance = join(root, "../shared/conformance/theta-privatenet/thetacli");
const tmp = mkdtempSync(join(tmpdir(), "thetacli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!existsSync(conformance))("key list over the reference's privatenet wallet", () => {
  it("prints the six addresses in the reference's order", async () => {
    const r = await cli(["key", "list", `--config=${conformance}`]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      "0x0d2fD67d573c8ecB4161510fc00754d64B401F86",
      "0x21cA457E6E34162654aDEe28bcf235ebE5eee5De",
      "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab",
      "0x70f587259738cB626A1720Af7038B8DcDb6a42a0",
      "0xa5cdB2B0306518fb37b28bb63A1B2590FdE9b747",
      "0xcd56123D0c5D6C1Ba4D39367b88cba61D93F5405",
    ]);
  });
});

describe("key management", () => {
  const config = join(tmp, "wallet");
  it("key import, list, export round trip; files 0600 in a 0700 directory", async () => {
    const imported = await cli(
      [
        "key",
        "import",
        "--private_key=93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737",
        `--config=${config}`,
      ],
      ["qwertyuiop"],
    );
    expect(imported.code).toBe(0);
    expect(imported.out).toEqual(["Successfully imported key: 0x2E833968E5bB786Ae419c4d13189fB081Cc43bab"]);
    const dir = join(config, "keys", "encrypted");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(["2E833968E5bB786Ae419c4d13189fB081Cc43bab"]);
    expect(statSync(join(dir, "2E833968E5bB786Ae419c4d13189fB081Cc43bab")).mode & 0o777).toBe(0o600);
    const exported = await cli(
      ["key", "export", "2E833968E5bB786Ae419c4d13189fB081Cc43bab", `--config=${config}`],
      ["qwertyuiop", "yes"],
    );
    expect(exported.out).toEqual(["93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737"]);
  }, 30_000);
  it("key new writes a keystore that decrypts with the password", async () => {
    const r = await cli(["key", "new", `--config=${config}`], ["s3cret"]);
    expect(r.code).toBe(0);
    expect(r.prompts).toEqual(["Please enter password: "]);
    const address = /^Successfully created key: 0x([0-9a-fA-F]{40})$/.exec(r.out[0]!)![1]!;
    const json = readFileSync(join(config, "keys", "encrypted", address), "utf8");
    const key = await decryptKeystore(json, "s3cret", { scrypt: nodeScrypt });
    expect(key).toHaveLength(32);
    // An independent v3 reader (@ethereumjs/wallet) opens it to the same key and address.
    const wallet = await Wallet.fromV3(json, "s3cret");
    expect(wallet.getPrivateKey()).toEqual(key);
    expect(wallet.getAddressString().toLowerCase()).toBe(`0x${address.toLowerCase()}`);
    expect((await cli(["key", "list", `--config=${config}`])).out).toContain(`0x${address}`);
  }, 60_000);
  it("key password changes the password; a wrong one fails with one line and exit 1", async () => {
    const addr = "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab";
    const changed = await cli(["key", "password", addr, `--config=${config}`], ["qwertyuiop", "newpass"]);
    expect(changed.out).toEqual(["Password updated successfully"]);
    const wrong = await cli(["key", "export", addr, `--config=${config}`], ["qwertyuiop"]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toEqual([
      `Failed to unlock address ${addr}: could not decrypt key with given password`,
    ]);
  }, 30_000);
  it("key delete asks twice and removes the file; 'no' aborts", async () => {
    const addr = "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab";
    const aborted = await cli(["key", "delete", addr, `--config=${config}`], ["newpass", "no"]);
    expect(aborted.out).toEqual([]);
    const deleted = await cli(["key", "delete", addr, `--config=${config}`], ["newpass", "yes", "newpass"]);
    expect(deleted.out).toEqual([`Key for address ${addr} has been deleted`]);
    expect(existsSync(join(config, "keys", "encrypted", addr.slice(2)))).toBe(false);
  }, 30_000);
  it("a bad address argument is one clear line", async () => {
    const r = await cli(["key", "export", "0x1234", `--config=${config}`]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/address: expected 40 hex digits/);
  });
});
