import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeAccount, StateKey } from "@theta/core-types";
import { createVersionedState } from "@theta/trie-store";
import { afterAll, expect, it } from "vitest";
import { openLevelKvStore } from "../../src/adapters/levelKvStore.ts";

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "theta-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const storageRootsOf = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

/** Starts the child, lets it commit for a random while, then SIGKILLs it mid-loop; returns its commits. */
function runAndKill(seed: number, aliveMs: number, engine: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=@theta/source",
        "--import",
        "tsx",
        join(here, "crashChild.ts"),
        join(dir, "db"),
        String(seed),
        engine,
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let commits = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      commits += (d.match(/committed/g) ?? []).length;
      // The kill lands a random while after the first commit of this run (however slow the
      // machine is), so every run has a version to read back and the kill hits the loop mid-way.
      if (commits > 0 && !timer) timer = setTimeout(() => child.kill("SIGKILL"), aliveMs);
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? resolve(commits) : reject(new Error(`child exited early (${signal})`)),
    );
  });
}

it("SIGKILL at random points of the commit/prune loop leaves every kept version readable and every count right", async () => {
  let total = 0;
  for (let round = 0; round < 5; round++) {
    // Rounds alternate the trie engines over the same database: both write the same nodes.
    total += await runAndKill(1000 + round, 100 + ((round * 737) % 900), round % 2 === 0 ? "fast" : "mpt");
    const kv = await openLevelKvStore(join(dir, "db"));
    const vs = createVersionedState(kv, { keepVersions: 5, storageRootsOf });
    const versions = await vs.versions();
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.length).toBeLessThanOrEqual(6); // a kill between a commit and its prune leaves one extra
    for (const h of versions) {
      const trie = await vs.open((await vs.rootAt(h))!);
      let found = 0;
      for (let i = 0; i < 500; i++) {
        const a = new Uint8Array(20);
        new DataView(a.buffer).setUint32(16, i);
        const raw = await trie.get(StateKey.account(a)); // a missing node would throw here
        if (raw) {
          expect(decodeAccount(raw).sequence).toBeLessThanOrEqual(h);
          found++;
        }
      }
      expect(found).toBeGreaterThan(0);
    }
    const fsck = await vs.verify();
    expect(fsck.problems).toEqual([]);
    expect(fsck.nodes).toBeGreaterThan(0);
    await kv.close();
  }
  console.log(
    `crash test: ${total} commits across 5 SIGKILLed runs, all kept versions read back, counts verified`,
  );
  expect(total).toBeGreaterThan(0);
}, 120_000);
