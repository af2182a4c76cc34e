#!/usr/bin/env node
/**
 * Checks the repository's references to its protocol documentation (docs/README.md, "Section
 * references"), and every relative Markdown link:
 *
 * - Markdown: every relative link `[text](path#anchor)` must name an existing file or directory,
 *   and an anchor in a Markdown file must be an `<a id>`/`<a name>` or a heading of that file
 *   (GitHub's slugs). Every section sign (U+00A7) must sit in the text of a link to a Markdown file,
 *   and each section
 *   number in that text must be an anchor `s<number>` there; the link's own anchor must be the first.
 * - Other files: every section sign must follow a `docs/<page>.md` on the same line (a list or range may
 *   continue after it), and `docs/<page>.md` mentions must name existing pages (and anchors).
 * - Everywhere: no reference to the specs outside the repository, and no page name without its
 *   `docs/` path (outside Markdown links).
 *
 * - Package READMEs (`packages/<pkg>/README.md`) keep the sections Owns, API, Example and Errors
 *   (a heading naming each; Owns may also be a bold `**Owns**` paragraph).
 *
 * Citations of outside documents (FIPS 202, the yellow paper, RFCs, EIPs) are allowed; the project's
 * issue tracker is not one of them (it is not part of the repository).
 * This file spells the section sign as an escape, so that it does not check itself.
 * Fenced code blocks and inline code in Markdown are not checked (they hold examples).
 *
 * Usage: node scripts/check-docs.mjs [--root <dir>] [--list]. Exit status 1 when something does
 * not resolve. `checkDocs({ root })` returns the same findings.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { anchorsOf, clearAnchorCache, proseLines, readText, walk } from "./lib/markdown.mjs";
import { isExternalCitation, S, SIGNS, sectionsAt } from "./lib/sectionRefs.mjs";

/** The documentation pages a bare name may refer to. */
const PAGE_NAMES = ["ledger", "consensus", "interfaces", "eth-api", "decisions"];

/**
 * Paths (prefixes, repository-relative, `/`-separated) whose references still use the old form:
 * a page name without its `docs/` path, and sections that inherit the page named earlier in the
 * file. Their sections are still checked; the form is tolerated until they are converted. Remove
 * an entry once its files are.
 */
export const PENDING_LEGACY_FORM = [];

/**
 * The sections every package README keeps, each found as a heading (or, for Owns, a bold paragraph
 * label) outside code blocks.
 */
export const README_SECTIONS = [
  { name: "Owns", pattern: /^(?:#{2,4}\s.*\bowns\b|\*\*owns\b)/i },
  { name: "API", pattern: /^#{2,4}\s+API\b/ },
  { name: "Example", pattern: /^#{2,4}\s.*\bexamples?\b/i },
  { name: "Errors", pattern: /^#{2,4}\s.*\berrors?\b/i },
];

/**
 * Package READMEs not held to `README_SECTIONS` yet (repository-relative paths). Remove an entry
 * once its README has the four sections.
 */
export const PENDING_README_SECTIONS = [];

/** A package README: `packages/<pkg>/README.md`. */
const PACKAGE_README = /^packages\/[^/]+\/README\.md$/;

/** Where the specs used to live, outside the repository (built so this file does not match itself). */
const FORBIDDEN = [new RegExp(["shared", "spec\\b"].join("/")), new RegExp(["spec", "README"].join("/"))];

const DOCS_PATH = /(?<![\w./-])docs\/([\w.-]+\.md)(#[\w.-]*[\w-])?/g;
const BARE_PAGE = new RegExp(String.raw`(?<![\w./-])(${PAGE_NAMES.join("|")})\.md\b`, "g");
const INLINE_LINK = /!?\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const LINK_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/;
const EXTERNAL_URL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Runs every check over the tree at `root`.
 * @param {{ root: string, pending?: readonly string[], pendingSections?: readonly string[] }} options
 * @returns {{ errors: { file: string, line: number, message: string }[],
 *   references: { file: string, line: number, target: string }[], links: number,
 *   pendingReferences: number, externalCitations: number, files: number }}
 */
export function checkDocs({
  root,
  pending = PENDING_LEGACY_FORM,
  pendingSections = PENDING_README_SECTIONS,
}) {
  clearAnchorCache();
  const errors = [];
  const references = [];
  let links = 0;
  let pendingReferences = 0;
  let externalCitations = 0;
  let files = 0;
  const rel = (p) => relative(root, p).split(sep).join("/");
  const fail = (file, line, message) => errors.push({ file, line, message });

  /** Checks that `sections` are anchors of the page at `page` (absolute); records the reference. */
  const checkSections = (file, lineNo, page, sections) => {
    if (!existsSync(page)) {
      fail(file, lineNo, `${rel(page)} does not exist`);
      return;
    }
    for (const s of sections) {
      const anchor = `s${s}`;
      if (!anchorsOf(page).has(anchor))
        fail(file, lineNo, `${rel(page)} has no section ${S}${s} (#${anchor})`);
      references.push({ file, line: lineNo, target: `${rel(page)}#${anchor}` });
    }
  };

  for (const path of walk(root)) {
    const text = readText(path);
    if (text === undefined) continue;
    files++;
    const file = rel(path);
    const rawLines = text.split("\n");
    rawLines.forEach((line, i) => {
      for (const re of FORBIDDEN) {
        if (re.test(line))
          fail(file, i + 1, `refers to the specs outside the repository (${re.source}): use docs/`);
      }
    });

    const isPending = pending.some((p) => file.startsWith(p));
    if (path.endsWith(".md")) {
      const lines = proseLines(text);
      if (PACKAGE_README.test(file) && !pendingSections.includes(file)) {
        for (const section of README_SECTIONS) {
          if (!lines.some((line) => section.pattern.test(line)))
            fail(file, 1, `no ${section.name} section: a package README keeps Owns, API, Example and Errors`);
        }
      }
      let mdContext;
      lines.forEach((line, i) => {
        const lineNo = i + 1;
        const spans = [];
        let linkContext;
        const linkMatches = [...line.matchAll(INLINE_LINK)].map((m) => ({
          start: m.index,
          end: m.index + m[0].length,
          textStart: m.index + m[0].indexOf("[") + 1,
          text: m[1],
          target: m[2],
        }));
        const def = LINK_DEFINITION.exec(line);
        const targets = linkMatches.map((l) => l.target);
        if (def) targets.push(def[1]);
        for (const target of targets) {
          if (target === "" || EXTERNAL_URL.test(target)) continue;
          links++;
          const hash = target.indexOf("#");
          const pathPart = decodeURI(hash === -1 ? target : target.slice(0, hash));
          const anchor = hash === -1 ? undefined : target.slice(hash + 1);
          const dest =
            pathPart === ""
              ? path
              : pathPart.startsWith("/")
                ? join(root, pathPart)
                : resolve(dirname(path), pathPart);
          if (!existsSync(dest)) {
            fail(file, lineNo, `link to ${target}: ${rel(dest)} does not exist`);
            continue;
          }
          if (anchor !== undefined && dest.endsWith(".md") && !anchorsOf(dest).has(anchor)) {
            fail(file, lineNo, `link to ${target}: ${rel(dest)} has no anchor #${anchor}`);
          }
        }
        for (const l of linkMatches) {
          spans.push([l.start, l.end]);
          const inText = [...l.text.matchAll(SIGNS)].map((m) => m.index);
          if (inText.length === 0) continue;
          const hash = l.target.indexOf("#");
          const pathPart = hash === -1 ? l.target : l.target.slice(0, hash);
          const dest = pathPart === "" ? path : resolve(dirname(path), decodeURI(pathPart));
          if (EXTERNAL_URL.test(l.target) || !dest.endsWith(".md")) {
            fail(file, lineNo, `"${l.text}": a ${S} reference must link to a docs page, not ${l.target}`);
            continue;
          }
          let first;
          for (const at of inText) {
            if (isExternalCitation(l.text, at)) {
              externalCitations++;
              continue;
            }
            const sections = sectionsAt(l.text, at);
            if (sections === undefined) {
              fail(file, lineNo, `"${l.text}": ${S} without a section number`);
              continue;
            }
            if (sections.length === 0) continue;
            first ??= sections[0];
            if (existsSync(dest)) checkSections(file, lineNo, dest, sections);
            linkContext = dest;
          }
          if (first !== undefined && l.target.slice(hash + 1) !== `s${first}`) {
            fail(file, lineNo, `"${l.text}" links to ${l.target}, expected the anchor #s${first}`);
          }
        }
        // Outside links: only citations of outside documents may carry a section sign; page names need a link.
        let rest = line;
        for (const [a, b] of spans) rest = rest.slice(0, a) + " ".repeat(b - a) + rest.slice(b);
        if (linkContext !== undefined) mdContext = linkContext;
        const bare = [...rest.matchAll(BARE_PAGE)];
        for (const m of rest.matchAll(SIGNS)) {
          if (isExternalCitation(rest, m.index)) {
            externalCitations++;
            continue;
          }
          const sections = sectionsAt(rest, m.index);
          if (sections?.length === 0) continue;
          const before = bare.filter((x) => x.index < m.index);
          const page =
            before.length > 0 ? join(root, "docs", `${before[before.length - 1][1]}.md`) : mdContext;
          if (isPending && sections !== undefined && page !== undefined) {
            pendingReferences += sections.length;
            checkSections(file, lineNo, page, sections);
          } else
            fail(file, lineNo, `a ${S} reference outside a link: write [page.md ${S}N](…/docs/page.md#sN)`);
        }
        if (bare.length > 0) mdContext = join(root, "docs", `${bare[bare.length - 1][1]}.md`);
        if (!isPending) {
          for (const m of bare) fail(file, lineNo, `${m[0]} without a link: link it to its docs/ page`);
        }
      });
      continue;
    }

    let fileContext;
    rawLines.forEach((line, i) => {
      const lineNo = i + 1;
      // Mentions of pages: docs/<page>.md (checked), and bare <page>.md (only in pending files).
      const mentions = [];
      for (const m of line.matchAll(DOCS_PATH)) {
        const page = join(root, "docs", m[1]);
        mentions.push({ index: m.index, page });
        if (!existsSync(page)) fail(file, lineNo, `docs/${m[1]} does not exist`);
        else if (m[2] !== undefined && !anchorsOf(page).has(m[2].slice(1))) {
          fail(file, lineNo, `docs/${m[1]} has no anchor ${m[2]}`);
        } else if (m[2] !== undefined) {
          references.push({ file, line: lineNo, target: `docs/${m[1]}${m[2]}` });
        }
      }
      for (const m of line.matchAll(BARE_PAGE)) {
        if (isPending) mentions.push({ index: m.index, page: join(root, "docs", `${m[1]}.md`) });
        else fail(file, lineNo, `${m[0]} without its path: write docs/${m[0]}`);
      }
      mentions.sort((a, b) => a.index - b.index);
      for (const m of line.matchAll(SIGNS)) {
        if (isExternalCitation(line, m.index)) {
          externalCitations++;
          continue;
        }
        const sections = sectionsAt(line, m.index);
        if (sections === undefined) {
          fail(file, lineNo, `${S} without a section number`);
          continue;
        }
        if (sections.length === 0) continue;
        const before = mentions.filter((x) => x.index < m.index);
        const page = before.length > 0 ? before[before.length - 1].page : isPending ? fileContext : undefined;
        if (page === undefined) {
          fail(
            file,
            lineNo,
            `${S}${sections[0]} names no page: write docs/<page>.md ${S}${sections[0]} on the same line`,
          );
          continue;
        }
        if (isPending) pendingReferences += sections.length;
        checkSections(file, lineNo, page, sections);
      }
      if (mentions.length > 0) fileContext = mentions[mentions.length - 1].page;
    });
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { errors, references, links, pendingReferences, externalCitations, files };
}

function main(argv) {
  const rootArg = argv.indexOf("--root");
  const root = resolve(
    rootArg === -1 ? join(dirname(fileURLToPath(import.meta.url)), "..") : (argv[rootArg + 1] ?? "."),
  );
  const r = checkDocs({ root });
  if (argv.includes("--list"))
    for (const ref of r.references) console.log(`${ref.file}:${ref.line}\t${ref.target}`);
  for (const e of r.errors) console.error(`${e.file}:${e.line}: ${e.message}`);
  console.log(
    `check-docs: ${r.references.length} section references, ${r.links} relative links, ` +
      `${r.externalCitations} outside citations in ${r.files} files; ` +
      `${r.pendingReferences} references in the old form (${PENDING_LEGACY_FORM.join(", ")}); ` +
      `${r.errors.length} errors`,
  );
  return r.errors.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
