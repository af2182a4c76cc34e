import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** What `theta version` and `theta.GetVersion` report. */
export interface BuildInfo {
  /** This node's version (apps/node/package.json), not the Go reference's. */
  readonly version: string;
  /** The commit the running code comes from (40 hex), or "" when it cannot be determined. */
  readonly gitHash: string;
  /** When the running code was built, formatted like `date -u` (e.g. `Wed Nov 25 07:45:20 UTC 2026`). */
  readonly timestamp: string;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Formats a date as `date -u` prints it in the C locale. */
export function formatDateUTC(d: Date): string {
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const day = String(d.getUTCDate()).padStart(2, " ");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} UTC ${d.getUTCFullYear()}`;
}

function gitHead(cwd: string): string {
  try {
    const out = execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] });
    const hash = out.toString("utf8").trim();
    return /^[0-9a-f]{40}$/.test(hash) ? hash : "";
  } catch {
    return "";
  }
}

let cached: BuildInfo | undefined;

/**
 * Reads the build information once: the package version, the git commit of the checkout the
 * code runs from, and the modification time of this module's file (the build time for `dist/`,
 * the last edit for sources).
 */
export function readBuildInfo(): BuildInfo {
  if (cached !== undefined) return cached;
  const self = fileURLToPath(import.meta.url);
  const pkgUrl = new URL("../package.json", import.meta.url);
  const pkg = JSON.parse(readFileSync(pkgUrl, "utf8")) as { version?: unknown };
  cached = {
    version: typeof pkg.version === "string" ? pkg.version : "",
    gitHash: gitHead(fileURLToPath(new URL(".", import.meta.url))),
    timestamp: formatDateUTC(statSync(self).mtime),
  };
  return cached;
}
