/**
 * The packages as a consumer gets them: every package under packages/, and the two published Node
 * adapters under apps/ (platform-node, crypto-native), is packed with `pnpm pack`
 * (workspace ranges rewritten, `publishConfig.exports` without the `@theta/source` condition),
 * the tarballs are installed with plain npm into a project outside the workspace, and a consumer
 * program (fixture/) is type-checked with tsc and run with node: it signs and hashes a spec tx,
 * builds and verifies a micropayment, and applies a block on the memory KvStore.
 *
 * @theta/crypto-native (prebuilt N-API addons, whose packages have install scripts) is installed
 * as an optional dependency, as the node takes it: every other package must install without an
 * install script anywhere in its tree, so a machine without a compiler can install it.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../..");
/** The Node adapters that live under apps/ (the domain packages/ stay pure) and are published too. */
const PUBLISHED_ADAPTERS = ["crypto-native", "platform-node"];
const PACKAGES = [
  ...readdirSync(join(ROOT, "packages")).filter((d) => existsSync(join(ROOT, "packages", d, "package.json"))),
  ...PUBLISHED_ADAPTERS,
].sort();
/** A package's directory, relative to the repository root. */
const home = (dir: string): string => (PUBLISHED_ADAPTERS.includes(dir) ? `apps/${dir}` : `packages/${dir}`);
/** Packages a consumer takes as optional dependencies (native addons with install scripts). */
const OPTIONAL = new Set(["crypto-native"]);
const TYPESCRIPT = ["typescript", "5.9.3"] as const;
const NODE_TYPES = ["@types/node", "^20.19.0"] as const;

interface Manifest {
  name: string;
  license?: string;
  type?: string;
  sideEffects?: boolean | string[];
  engines?: { node?: string };
  repository?: { url?: string; directory?: string };
  exports: Record<string, Record<string, string>>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** npm's own configuration only: pnpm and turbo hand their settings to child scripts as npm_* variables. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_registry", "npm_config_cache", "npm_config_userconfig"]);
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.toLowerCase().startsWith("npm_") || keep.has(k.toLowerCase()),
    ),
  );
}

function run(cmd: string, args: string[], cwd: string, env = process.env): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function mustRun(cmd: string, args: string[], cwd: string, env = process.env): string {
  const r = run(cmd, args, cwd, env);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;

let work: string;
let project: string;
/** Package directory name → its unpacked tarball. */
const unpacked = new Map<string, string>();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "theta-consumer-"));
  const tarballs = join(work, "tarballs");
  mustRun(
    process.execPath,
    [
      join(ROOT, "scripts/pnpm.mjs"),
      "-r",
      "--filter",
      "./packages/*",
      ...PUBLISHED_ADAPTERS.flatMap((d) => ["--filter", `./${home(d)}`]),
      "pack",
      "--pack-destination",
      tarballs,
    ],
    ROOT,
  );
  for (const dir of PACKAGES) {
    const tgz = join(tarballs, `theta-${dir}-0.1.0.tgz`);
    const into = join(work, "unpacked", dir);
    mkdirSync(into, { recursive: true });
    mustRun("tar", ["-xzf", tgz, "-C", into], work);
    unpacked.set(dir, join(into, "package"));
  }
  project = join(work, "project");
  mkdirSync(project);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("packed tarballs", () => {
  it("this suite depends on every package (so turbo builds them all before it packs)", () => {
    const own = readJson<Manifest>(join(HERE, "../package.json"));
    const names = PACKAGES.map((d) => readJson<Manifest>(join(ROOT, home(d), "package.json")).name);
    expect(Object.keys(own.devDependencies ?? {}).sort()).toEqual(names.sort());
  });

  for (const dir of PACKAGES) {
    it(`@theta/${dir}: ESM, MIT with a LICENSE, engines, repository, exports with types and no source condition`, () => {
      const pkg = unpacked.get(dir)!;
      const text = readFileSync(join(pkg, "package.json"), "utf8");
      const m = JSON.parse(text) as Manifest;
      const source = readJson<Manifest>(join(ROOT, home(dir), "package.json"));
      const files = new Set(filesUnder(pkg));

      expect(JSON.stringify(m.exports)).not.toContain("@theta/source");
      expect(text).not.toContain("workspace:");
      expect(m.type).toBe("module");
      expect(m.license).toBe("MIT");
      expect(files.has("LICENSE")).toBe(true);
      expect(m.engines?.node).toBe(">=20.19");
      expect(m.repository?.url).toMatch(/^git\+https:\/\//);
      expect(m.repository?.directory).toBe(home(dir));
      // false, or the few modules that must run on import (p2p's Promise.withResolvers polyfill)
      const sideEffects = m.sideEffects;
      expect(
        typeof sideEffects === "boolean" ||
          (Array.isArray(sideEffects) && sideEffects.every((f) => typeof f === "string")),
      ).toBe(true);
      expect(Object.keys(m.exports)).toEqual(Object.keys(source.exports));
      for (const [subpath, conditions] of Object.entries(m.exports)) {
        expect(Object.keys(conditions), subpath).toEqual(["types", "default"]);
        for (const target of Object.values(conditions)) expect(files, target).toContain(target.slice(2));
      }
      expect([...files].filter((f) => f.endsWith(".tsbuildinfo"))).toEqual([]);
      if (!OPTIONAL.has(dir)) {
        // only the optional packages may bring native addons (secp256k1, keccak, through crypto-native)
        const deps = Object.keys({ ...m.dependencies, ...m.optionalDependencies });
        expect(deps.filter((d) => d === "secp256k1" || d === "keccak")).toEqual([]);
      }
    });

    it(`@theta/${dir}: every declaration has a declaration map whose sources are in the tarball`, () => {
      const pkg = unpacked.get(dir)!;
      const files = filesUnder(pkg);
      const declarations = files.filter((f) => f.endsWith(".d.ts"));
      expect(declarations.length).toBeGreaterThan(0);
      for (const d of declarations) {
        expect(files, d).toContain(`${d}.map`);
        const map = readJson<{ sources: string[] }>(join(pkg, `${d}.map`));
        for (const s of map.sources)
          expect(existsSync(resolve(dirname(join(pkg, d)), s)), `${d} → ${s}`).toBe(true);
      }
    });
  }
});

describe("a consumer project outside the workspace", () => {
  it("installs the tarballs with plain npm; packages with install scripts (native addons) are optional only", () => {
    const tarball = (d: string) => `file:${join(work, "tarballs", `theta-${d}-0.1.0.tgz`)}`;
    const deps = (dirs: string[]) => Object.fromEntries(dirs.map((d) => [`@theta/${d}`, tarball(d)]));
    const manifest = {
      name: "theta-consumer",
      private: true,
      type: "module",
      dependencies: {
        ...deps(PACKAGES.filter((d) => !OPTIONAL.has(d))),
        [TYPESCRIPT[0]]: TYPESCRIPT[1],
        [NODE_TYPES[0]]: NODE_TYPES[1],
      },
      optionalDependencies: deps(PACKAGES.filter((d) => OPTIONAL.has(d))),
    };
    writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    mustRun("npm", ["install", "--no-audit", "--no-fund"], project, npmEnv());
    const lock = readJson<{ packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }> }>(
      join(project, "package-lock.json"),
    );
    const scripted = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript);
    // the native backend's addons are there, and only through the optional package
    expect(scripted.map(([k]) => k)).toEqual(
      expect.arrayContaining(["node_modules/keccak", "node_modules/secp256k1"]),
    );
    for (const dir of OPTIONAL) expect(lock.packages[`node_modules/@theta/${dir}`]?.optional, dir).toBe(true);
    for (const addon of ["keccak", "secp256k1"])
      expect(lock.packages[`node_modules/${addon}`]?.optional, addon).toBe(true);
    expect(scripted.filter(([, p]) => !p.optional).map(([k]) => k)).toEqual([]);
    for (const dir of PACKAGES)
      expect(existsSync(join(project, "node_modules/@theta", dir, "package.json"))).toBe(true);
  });

  it("type-checks the consumer program: no error in it or in our declarations", () => {
    cpSync(join(HERE, "../fixture"), project, { recursive: true });
    // skipLibCheck is off, so tsc reads every declaration; errors in third-party ones (libp2p's DOM
    // types, @ethereumjs's `debug` namespace) are theirs and are left out, ours must be none.
    const r = run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "."], project);
    const errors = `${r.stdout}${r.stderr}`.split("\n").filter((l) => /error TS\d+/.test(l));
    const ours = errors.filter((l) => !l.startsWith("node_modules/") || l.startsWith("node_modules/@theta/"));
    expect(ours).toEqual([]);
    expect(existsSync(join(project, "dist/main.js"))).toBe(true);
  });

  it("runs it with node: signs and hashes a tx, builds and verifies a micropayment, applies a block", () => {
    const out = mustRun(process.execPath, ["dist/main.js"], project);
    const result = JSON.parse(out.trim().split("\n").at(-1)!);
    console.log(`consumer program: ${JSON.stringify(result)}`);
    expect(result.tx).toEqual({
      backend: "noble",
      rawMatches: true,
      hash: "27f1095c41ae036d09b2624d095c7515eda5886a28b894ea6bb2b82f774641dd",
      hashMatches: true,
      signer: "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab",
    });
    expect(result.micropayment).toEqual({
      accepted: true,
      rawMatches: true,
      txIdMatches: true,
      sourceSigned: true,
    });
    expect(result.ledger).toMatchObject({ txs: 2, balanceB: "1002999999000000000000", enginesAgree: true });
    for (const [entry, count] of Object.entries(result.entries)) expect(count, entry).toBeGreaterThan(0);
    expect(result.native).not.toContain("DIFFERS");
  });
});
