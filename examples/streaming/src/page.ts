/**
 * The viewer page: bundled for the browser with esbuild (the packages' own sources through the
 * `@theta/source` condition, as e2e/browser does), and served with its `/config.json` by a small
 * static server on 127.0.0.1.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import type { ViewerConfig } from "./viewer/session.ts";

const VIEWER = fileURLToPath(new URL("./viewer/", import.meta.url));
/** Where `buildViewer` writes by default (git-ignored). */
export const PAGE_DIST = fileURLToPath(new URL("../page-dist/", import.meta.url));

export async function buildViewer(outDir = PAGE_DIST): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(VIEWER, "main.ts")],
    outfile: join(outDir, "viewer.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@theta/source"],
    minify: true,
    sourcemap: true,
    logLevel: "silent",
  });
  copyFileSync(join(VIEWER, "index.html"), join(outDir, "index.html"));
  return outDir;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
};

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` and `config` as `/config.json`. */
export async function servePage(
  dir: string,
  config: () => ViewerConfig,
  opts: { host?: string; port?: number } = {},
): Promise<PageServer> {
  const server = createServer(async (req, res) => {
    const asked = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (asked === "/config.json") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      return void res.end(JSON.stringify(config()));
    }
    const path = asked === "/" ? "/index.html" : asked;
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
