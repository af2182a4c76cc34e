import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src/testing/index.ts";

/**
 * The validator engine's module layout (packages/consensus/README.md, "The validator engine"): handlers
 * return follow-up transitions instead of calling each other, so no handler module imports another, and
 * the modules of the engine form no import cycle (type-only imports included).
 */
const SRC = fileURLToPath(new URL("../src", import.meta.url));
const VALIDATOR = join(SRC, "validator");
const HANDLERS = ["sync", "blocks", "votes", "commits", "proposals", "epochs"];

const localImports = (file: string): string[] =>
  [...readFileSync(join(VALIDATOR, `${file}.ts`), "utf8").matchAll(/from "\.\/([\w]+)\.ts"/g)].map(
    (m) => m[1] as string,
  );

const modules = readdirSync(VALIDATOR)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3));

describe("validator engine modules", () => {
  it("no handler module imports another handler, the dispatcher or the engine", () => {
    for (const h of HANDLERS) {
      expect(modules).toContain(h);
      const bad = localImports(h).filter((m) => HANDLERS.includes(m) || m === "dispatch" || m === "engine");
      expect(bad, `${h}.ts imports`).toEqual([]);
    }
  });

  it("the validator modules import each other without a cycle", () => {
    const done = new Set<string>();
    const visit = (m: string, path: string[]): void => {
      if (path.includes(m)) throw new Error(`import cycle: ${[...path, m].join(" -> ")}`);
      if (done.has(m)) return;
      for (const dep of localImports(m)) visit(dep, [...path, m]);
      done.add(m);
    };
    for (const m of modules) visit(m, []);
    expect(done.size).toBe(modules.length);
  });

  it("no source file of the package is longer than 300 lines", () => {
    const long: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".ts") && readFileSync(p, "utf8").split("\n").length > 301) long.push(p);
      }
    };
    walk(SRC);
    expect(long).toEqual([]);
  });
});

describe("validator engine lifecycle", () => {
  it("has no state before start: status() says so; after stop the state is still reported", async () => {
    const sim = createSimulation({ seed: 1n, nodes: 1 });
    const node = sim.nodes[0]!;
    expect(() => node.engine.status()).toThrow("validator engine not started");
    await node.engine.start();
    await expect(node.engine.start()).rejects.toThrow("already running");
    await sim.runFor(5_000);
    await node.engine.stop();
    const after = node.engine.status();
    expect(after.lastFinalizedHeight).toBeGreaterThan(0n);
    await sim.runFor(5_000); // timers armed before stop are dropped: nothing moves
    expect(node.engine.status()).toEqual(after);
  });
});
