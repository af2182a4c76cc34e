/**
 * `npx theta …` and `npx thetacli …` from the repository root: the root package depends on both
 * apps, and their committed launchers (bin/) are linked into node_modules/.bin by the install.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const built = (app: string) => existsSync(join(root, "apps", app, "dist", "main.js"));

describe.skipIf(!built("thetacli") || !built("node"))("the apps' commands at the repository root", () => {
  it("node_modules/.bin/thetacli and theta run the built apps", () => {
    const run = (bin: string, args: string[]) =>
      execFileSync(join(root, "node_modules", ".bin", bin), args, { cwd: root, encoding: "utf8" });
    expect(run("thetacli", ["version"])).toMatch(/Version/i);
    expect(run("theta", ["version"])).toMatch(/Version/i);
  });
});
