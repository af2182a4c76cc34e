/** Version information printed by `thetacli version`. */
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export const VERSION = { version: pkg.version, gitHash: "", builtAt: "" } as const;
