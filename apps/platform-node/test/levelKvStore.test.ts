import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesToHex } from "@theta/core-types";
import type { KvRange } from "@theta/trie-store";
import { runKvStoreCompliance } from "@theta/trie-store/testing";
import { afterAll, describe, expect, it } from "vitest";
import { openLevelKvStore } from "../src/levelKvStore.ts";

const root = mkdtempSync(join(tmpdir(), "theta-level-"));
let n = 0;
const fresh = () => openLevelKvStore(join(root, `db${n++}`));
afterAll(() => rmSync(root, { recursive: true, force: true }));

runKvStoreCompliance("leveldb (classic-level)", fresh);

describe("openLevelKvStore", () => {
  it("combines a prefix with gte and lt: the tighter bound of each side wins", async () => {
    const kv = await fresh();
    for (const hex of ["00ff", "01", "0100", "0105", "01ff", "02"]) {
      const k = Uint8Array.from(Buffer.from(hex, "hex"));
      await kv.put(k, k);
    }
    const keys = async (range: KvRange) => {
      const out: string[] = [];
      for await (const [k] of kv.iterate(range)) out.push(bytesToHex(k));
      return out;
    };
    const b = (hex: string) => Uint8Array.from(Buffer.from(hex, "hex"));
    expect(await keys({ prefix: b("01"), gte: b("0101") })).toEqual(["0105", "01ff"]);
    expect(await keys({ prefix: b("01"), lt: b("0105") })).toEqual(["01", "0100"]);
    expect(await keys({ prefix: b("01"), gte: b("00"), lt: b("03") })).toEqual([
      "01",
      "0100",
      "0105",
      "01ff",
    ]);
    expect(await keys({ prefix: b("01"), gte: b("0100"), reverse: true, limit: 2 })).toEqual([
      "01ff",
      "0105",
    ]);
    await kv.close();
  });

  it("is a subpath of its own: the package's main entry does not load classic-level", () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const loads = (specifier: string) => {
      const script = `import { createRequire } from "node:module";
await import(${JSON.stringify(specifier)});
const cache = Object.keys(createRequire(import.meta.url).cache);
console.log(cache.some((p) => p.includes("classic-level")));`;
      const r = spawnSync(
        process.execPath,
        ["--conditions=@theta/source", "--import", "tsx", "--input-type=module", "-e", script],
        { cwd: join(here, ".."), encoding: "utf8" },
      );
      expect(r.stderr).toBe("");
      return r.stdout.trim();
    };
    expect(loads("@theta/platform-node")).toBe("false");
    expect(loads("@theta/platform-node/level")).toBe("true");
  });
});
