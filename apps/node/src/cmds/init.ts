import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ThetaError } from "@theta/core-types";

/** Stable codes of `theta init` failures. */
export const InitErrorCode = { FolderExists: "INIT_FOLDER_EXISTS" } as const;

/** The config.yaml `theta init` writes (the reference's content). */
export const INIT_CONFIG_YAML = "p2p.port: 5000\np2p.seeds: 127.0.0.1:6000,127.0.0.1:7000\n";

/**
 * `theta init`: fails if `configDir` exists; otherwise creates it (mode 0700) with a config.yaml
 * (mode 0600). Creates no key, genesis or snapshot.
 */
export async function initConfigDir(configDir: string): Promise<string> {
  const exists = await stat(configDir).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return false;
      throw e;
    },
  );
  if (exists) {
    throw new ThetaError(InitErrorCode.FolderExists, `Folder already exists! (${configDir})`, {
      details: { configDir },
    });
  }
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  const file = join(configDir, "config.yaml");
  await writeFile(file, INIT_CONFIG_YAML, { mode: 0o600, flag: "wx" });
  return file;
}
