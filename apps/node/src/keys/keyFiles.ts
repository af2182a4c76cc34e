import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The node key directory under a key root: `<key>/key/encrypted`. */
export function nodeKeyDir(keyRoot: string): string {
  return join(keyRoot, "key", "encrypted");
}

/** Names of the key files in `dir` (dot files, such as unfinished temp files, are skipped). */
export async function listKeyFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir, { withFileTypes: true });
    return names
      .filter((d) => d.isFile() && !d.name.startsWith("."))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** Reads one key file as text. */
export function readKeyFile(dir: string, name: string): Promise<string> {
  return readFile(join(dir, name), "utf8");
}

/**
 * Writes a key file atomically: the directory is created with mode 0700, the text goes to a
 * temp file `.<name>.tmp` with mode 0600, which is then renamed into place.
 */
export async function writeKeyFile(dir: string, name: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const tmp = join(dir, `.${name}.tmp`);
  try {
    await writeFile(tmp, text, { mode: 0o600, flag: "wx" });
    await rename(tmp, join(dir, name));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
