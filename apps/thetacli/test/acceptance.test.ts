import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { hexToBytes } from "@theta/core-types";
import { decryptKeystore, defaultCrypto } from "@theta/crypto";
import { nodeScrypt } from "@theta/platform-node";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildCli } from "../src/index.ts";
import { cli } from "./helpers.ts";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkg, "../..");
const conformance = join(root, "../shared/conformance/theta-privatenet/thetacli");

/** Runs the real entry point as a child process, as a person would; stdin is a pipe (not a TTY). */
function thetacli(args: string[], stdin = "", env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--conditions=@theta/source", "--import", "tsx", "src/main.ts", ...args],
      { cwd: pkg, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

describe.skipIf(!existsSync(conformance))("the privatenet wallet (docs/interfaces.md §5.2)", () => {
  it("the spawned CLI lists the six keys and exports one after a piped password and 'yes'", async () => {
    const list = await thetacli(["key", "list", `--config=${conformance}`]);
    expect(list.code).toBe(0);
    const addresses = list.stdout.trim().split("\n");
    expect(addresses).toHaveLength(6);
    const exported = await thetacli(
      ["key", "export", addresses[2]!, `--config=${conformance}`],
      "qwertyuiop\nyes\n",
    );
    expect(exported.code).toBe(0);
    const key = exported.stdout.trim().split("\n").at(-1)!;
    expect(defaultCrypto.toChecksumAddress(defaultCrypto.privateKeyToAddress(hexToBytes(key)))).toBe(
      addresses[2],
    );
  }, 60_000);

  it("every other key unlocks with qwertyuiop too (the third is exported above)", async () => {
    const dir = join(conformance, "keys/encrypted");
    const names = [
      "0d2fD67d573c8ecB4161510fc00754d64B401F86",
      "21cA457E6E34162654aDEe28bcf235ebE5eee5De",
      "2E833968E5bB786Ae419c4d13189fB081Cc43bab",
      "70f587259738cB626A1720Af7038B8DcDb6a42a0",
      "a5cdB2B0306518fb37b28bb63A1B2590FdE9b747",
      "cd56123D0c5D6C1Ba4D39367b88cba61D93F5405",
    ];
    await Promise.all(
      names
        .filter((n) => n !== "2E833968E5bB786Ae419c4d13189fB081Cc43bab")
        .map(async (name) => {
          const address = hexToBytes(name);
          const text = readFileSync(join(dir, name), "utf8");
          const key = await decryptKeystore(text, "qwertyuiop", { scrypt: nodeScrypt }, address);
          expect(defaultCrypto.privateKeyToAddress(key)).toEqual(address);
        }),
    );
  }, 60_000);
});

describe("the spawned CLI", () => {
  it("fails with one line on standard error and exit status 1 when the node is unreachable", async () => {
    const r = await thetacli(["query", "status", "--config=/nonexistent"], "", {
      REMOTERPCENDPOINT: "http://127.0.0.1:1/rpc",
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("http://127.0.0.1:1/rpc");
  }, 60_000);
});

describe("help", () => {
  it("every command's --help shows an example", async () => {
    const paths: string[][] = [];
    const walk = (c: Command, path: string[]) => {
      if (c.commands.length === 0) paths.push(path);
      for (const sub of c.commands) walk(sub, [...path, sub.name()]);
    };
    walk(buildCli({ out: () => {}, err: () => {}, env: {} }), []);
    expect(paths.length).toBeGreaterThan(20);
    for (const p of paths) {
      const r = await cli([...p, "--help"]);
      expect(r.code, p.join(" ")).toBe(0);
      expect(r.out.join("\n"), p.join(" ")).toMatch(/Examples?:\n {2}thetacli /);
    }
  });
});
