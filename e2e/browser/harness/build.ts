/** esbuild: the browser test bundle, and the size of a package bundled on its own. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { STANDINS } from "./suites.ts";

const HARNESS = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HARNESS, "../../..");

/** What a package's own sources resolve to: their `@theta/source` exports, for the browser. */
const common: esbuild.BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  conditions: ["@theta/source"],
  logLevel: "silent",
};

/** `vitest` → the shim; Node-only modules → their stand-ins, or a build error naming the importer. */
const standins: esbuild.Plugin = {
  name: "browser-standins",
  setup(build) {
    build.onResolve({ filter: /^vitest$/ }, () => ({ path: join(HARNESS, "vitestShim.ts") }));
    build.onResolve({ filter: /^node:/ }, (args) => {
      const standin = STANDINS[args.path];
      if (standin !== undefined) return { path: join(HARNESS, "standins", standin) };
      const by = relative(ROOT, args.importer);
      return {
        errors: [{ text: `${args.path} (imported by ${by}) has no browser stand-in (suites.ts STANDINS)` }],
      };
    });
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const standin = STANDINS[relative(ROOT, resolve(args.resolveDir, args.path))];
      return standin === undefined ? undefined : { path: join(HARNESS, "standins", standin) };
    });
  },
};

/**
 * Bundles the test files into `outDir` (an entry that exposes `runBrowserTests()` on `window`,
 * one lazily loaded chunk per file) with an index.html that loads it.
 */
export async function buildTestBundle(files: readonly string[], outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, "entry.ts");
  const loaders = files.map((f) => `  ${JSON.stringify(f)}: () => import(${JSON.stringify(join(ROOT, f))}),`);
  writeFileSync(
    entry,
    [
      `import { runBrowserTests } from ${JSON.stringify(join(HARNESS, "runner.ts"))};`,
      "const files = {",
      ...loaders,
      "};",
      "Object.assign(globalThis, { runBrowserTests: () => runBrowserTests(files) });",
      "",
    ].join("\n"),
  );
  await esbuild.build({
    ...common,
    entryPoints: [entry],
    outdir: join(outDir, "static"),
    splitting: true,
    define: { "process.env": "{}" },
    plugins: [standins],
  });
  writeFileSync(
    join(outDir, "static", "index.html"),
    '<!doctype html><meta charset="utf-8"><title>theta browser tests</title><script type="module" src="/entry.js"></script>\n',
  );
}

export interface BundleSize {
  readonly minified: number;
  readonly gzipped: number;
}

/** A package's whole public API bundled alone for the browser (its dependencies included), minified and gzipped. */
export async function bundleSize(pkg: string): Promise<BundleSize> {
  const r = await esbuild.build({
    ...common,
    entryPoints: [join(ROOT, "packages", pkg, "src/index.ts")],
    minify: true,
    write: false,
  });
  const code = r.outputFiles[0]!.contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}
