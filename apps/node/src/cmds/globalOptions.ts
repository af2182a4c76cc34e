import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The persistent flags of `theta` (docs/interfaces.md §3.1), as commander hands them over. */
export interface GlobalFlags {
  readonly config?: string;
  readonly snapshot?: string;
  readonly data?: string;
  readonly key?: string;
  readonly password?: string;
  readonly chain_import?: string;
  readonly chain_correction?: string;
}

/** The flags resolved to absolute paths, with the reference's defaults. */
export interface NodePaths {
  /** Config dir, default `$HOME/.theta`. */
  readonly configDir: string;
  /** Snapshot file, default `<config>/snapshot`. */
  readonly snapshot: string;
  /** DB root, default the config dir. */
  readonly dataRoot: string;
  /** Key root, default the config dir (keys live in `<key>/key/encrypted`). */
  readonly keyRoot: string;
}

/** Applies the defaults of docs/interfaces.md §3.1 to the flags. */
export function resolvePaths(flags: GlobalFlags, home: string = homedir()): NodePaths {
  const configDir = resolve(flags.config ?? join(home, ".theta"));
  return {
    configDir,
    snapshot: resolve(flags.snapshot ?? join(configDir, "snapshot")),
    dataRoot: resolve(flags.data ?? configDir),
    keyRoot: resolve(flags.key ?? configDir),
  };
}

/** The node password: the `--password` flag, else `THETA_NODE_PASSWORD`, else none (ask). */
export function resolvePassword(
  flags: GlobalFlags,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return flags.password ?? env.THETA_NODE_PASSWORD;
}
