import type { BuildInfo } from "../buildInfo.ts";

/** The text `theta version` prints: `Version <ver> <githash>` then `Built at <date>`. */
export function versionText(info: BuildInfo): string {
  return `Version ${info.version} ${info.gitHash}\nBuilt at ${info.timestamp}\n`;
}
