/**
 * `<config>/config.yaml|yml|json`: only `remoteRPCEndpoint` is read (default
 * http://localhost:16888/rpc); the environment variable REMOTERPCENDPOINT overrides it.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

export const DEFAULT_ENDPOINT = "http://localhost:16888/rpc";

export function defaultConfigDir(): string {
  return join(homedir(), ".thetacli");
}

export interface CliConfig {
  readonly endpoint: string;
  /** The config file that was found, if any (the reference announces it). */
  readonly file: string | undefined;
}

export function loadCliConfig(configDir: string, env: NodeJS.ProcessEnv): CliConfig {
  let endpoint = DEFAULT_ENDPOINT;
  let file: string | undefined;
  for (const name of ["config.yaml", "config.yml", "config.json"]) {
    const p = join(configDir, name);
    if (!existsSync(p)) continue;
    file = p;
    const doc = (
      name.endsWith(".json") ? JSON.parse(readFileSync(p, "utf8")) : parse(readFileSync(p, "utf8"))
    ) as Record<string, unknown> | null;
    const v = doc?.remoteRPCEndpoint ?? doc?.remoterpcendpoint;
    if (typeof v === "string" && v !== "") endpoint = v;
    break;
  }
  if (env.REMOTERPCENDPOINT) endpoint = env.REMOTERPCENDPOINT;
  return { endpoint, file };
}
