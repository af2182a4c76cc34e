/**
 * Reading a repository's Markdown for scripts/check-docs.mjs: the files worth reading (build output,
 * dependencies, caches and generated pages left out), their text, prose lines with code blanked, and
 * the anchors a link may point at (GitHub's heading slugs and explicit ids).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Directories never scanned (build output, dependencies, caches, VCS). */
const SKIP_DIRS = new Set([
  "node_modules",
  "dist",
  ".git",
  ".turbo",
  "coverage",
  ".tmp",
  "bench-results",
  ".stryker-tmp",
  "reports", // mutation-testing reports (Stryker), copies of the sources
]);

/** Generated output never scanned (repository-relative paths): the TypeDoc pages of `npm run docs`. */
const SKIP_PATHS = new Set(["docs/api"]);

/** Files larger than this are data, not prose or code. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Every file under `root` worth reading, as absolute paths. */
export function walk(root) {
  const out = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const path = join(dir, entry.name);
        const rel = relative(root, path).split(sep).join("/");
        if (!SKIP_DIRS.has(entry.name) && !SKIP_PATHS.has(rel)) visit(path);
      } else if (entry.isFile()) {
        out.push(join(dir, entry.name));
      }
    }
  };
  visit(root);
  return out.sort();
}

export function readText(path) {
  let buf;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return undefined;
    buf = readFileSync(path);
  } catch (e) {
    if (e.code === "ENOENT") return undefined; // removed while the tree was walked
    throw e;
  }
  if (buf.subarray(0, 8192).includes(0)) return undefined;
  return buf.toString("utf8");
}

/** Markdown lines with fenced code blocks and inline code blanked (same length, so columns stay). */
export function proseLines(text) {
  const lines = text.split("\n");
  let fence;
  return lines.map((line) => {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
      return "";
    }
    if (m) {
      fence = m[1];
      return "";
    }
    return line.replace(/(`+)(.+?)\1/g, (s) => " ".repeat(s.length));
  });
}

/** GitHub's heading slug (github-slugger): lowercase, punctuation dropped, spaces to hyphens. */
function slug(heading) {
  return heading
    .replace(/<[^>]*>/g, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

const anchorCache = new Map();

/** Forgets the anchors read so far (files may have changed between two checks). */
export function clearAnchorCache() {
  anchorCache.clear();
}

/** The anchors of a Markdown file: explicit `<a id|name>` ids and heading slugs. */
export function anchorsOf(path) {
  let anchors = anchorCache.get(path);
  if (anchors !== undefined) return anchors;
  anchors = new Set();
  const counts = new Map();
  const text = readFileSync(path, "utf8");
  const lines = proseLines(text);
  for (const line of lines) {
    for (const m of line.matchAll(/<a\s+(?:[^>]*\s)?(?:id|name)\s*=\s*"([^"]+)"/g)) anchors.add(m[1]);
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = slug(h[1]);
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
  }
  anchorCache.set(path, anchors);
  return anchors;
}
