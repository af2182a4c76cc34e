/**
 * Section references for scripts/check-docs.mjs: the section sign, the numbers a reference names
 * (single, or a range's start and end), and citations of outside documents that are not ours.
 */

/** The section sign. */
export const S = "\u00a7";

/** Text right before a section sign that marks a citation of an outside document. */
const EXTERNAL_CITATION = /(?:yellow paper|FIPS \d+|RFC \d+|EIP-\d+)\s*$/i;

const SECTION = String.raw`(\d+(?:\.\d+)*)`;
const SECTION_AT = new RegExp(`^${S}\\s?${SECTION}`);
const RANGE_END = new RegExp(`^\\s?[\u2013-]\\s?${S}?${SECTION}`);
export const SIGNS = new RegExp(S, "g");
const RANGE_START = new RegExp(`${S}\\s?${SECTION}\\s?[\u2013-]\\s?$`);

/** The section numbers a reference starting at `text[i]` (a section sign) names, with a range's end. */
export function sectionsAt(text, i) {
  if (RANGE_START.test(text.slice(0, i))) return []; // the end of a range, checked with its start
  const m = SECTION_AT.exec(text.slice(i));
  if (!m) return undefined;
  const out = [m[1]];
  const end = RANGE_END.exec(text.slice(i + m[0].length));
  if (end) out.push(end[1]);
  return out;
}

/** Whether the section sign at `line[i]` cites an outside document (an EIP, an RFC, FIPS, the yellow paper). */
export function isExternalCitation(line, i) {
  return EXTERNAL_CITATION.test(line.slice(0, i));
}
