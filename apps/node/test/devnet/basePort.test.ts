import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freeBasePort } from "./basePort.ts";

const lockOf = (base: number) => join(tmpdir(), `theta-devnet-test-base-${base}`);
const made: number[] = [];
/** The first base from `from` on that no lock names (so no other test's reservation is touched). */
const unlockedFrom = (from: number): number => {
  let b = from;
  while (existsSync(lockOf(b))) b += 300;
  return b;
};
afterAll(() => {
  for (const b of made) rmSync(lockOf(b), { recursive: true, force: true });
});

describe("freeBasePort", () => {
  it("hands out a base once, skips one a live process holds and takes over one whose owner is gone", async () => {
    // A start of our own, so that parallel test files do not meet here.
    const first = 20000 + (process.pid % 7) * 300;
    const a = await freeBasePort(2, first);
    made.push(a);
    expect(a).toBeLessThan(32768);
    expect(readFileSync(join(lockOf(a), "pid"), "utf8")).toBe(String(process.pid));
    const b = await freeBasePort(2, a);
    made.push(b);
    expect(b).toBeGreaterThan(a);

    // The next free base is held by a live process (our parent): skipped.
    const held = unlockedFrom(b + 300);
    mkdirSync(lockOf(held));
    writeFileSync(join(lockOf(held), "pid"), String(process.ppid));
    made.push(held);
    const c = await freeBasePort(2, held);
    made.push(c);
    expect(c).toBeGreaterThan(held);
    expect(readFileSync(join(lockOf(held), "pid"), "utf8")).toBe(String(process.ppid));

    // A lock whose owner no longer runs is taken over.
    const stale = unlockedFrom(c + 300);
    mkdirSync(lockOf(stale));
    writeFileSync(join(lockOf(stale), "pid"), "2147483646");
    made.push(stale);
    expect(await freeBasePort(2, stale)).toBe(stale);
    expect(existsSync(lockOf(stale))).toBe(true);
    expect(readFileSync(join(lockOf(stale), "pid"), "utf8")).toBe(String(process.pid));
  });
});
