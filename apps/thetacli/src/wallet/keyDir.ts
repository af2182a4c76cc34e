/**
 * The encrypted key directory `<config>/keys/encrypted/` (docs/interfaces.md §2.1, §4.1): one v3
 * keystore per address, named by the EIP-55 address without 0x; reads try the lowercase, EIP-55 and
 * uppercase names; writes are atomic (temp file + rename, mode 0600) in a directory of mode 0700.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { type Address, bytesToHex, hexToBytes, ThetaError } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";

export const KeyDirErrorCode = {
  BadMode: "CLI_KEY_DIR_MODE",
  NotFound: "CLI_KEY_NOT_FOUND",
} as const;

export function keyDirOf(configDir: string): string {
  return join(configDir, "keys", "encrypted");
}

/** Creates the directory if needed and insists on mode 0700 (not on Windows). */
export function ensureKeyDir(configDir: string): string {
  const dir = keyDirOf(configDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== "win32") {
    chmodSync(dir, 0o700);
    const mode = statSync(dir).mode & 0o777;
    if (mode !== 0o700) {
      throw new ThetaError(
        KeyDirErrorCode.BadMode,
        `key directory ${dir} has mode ${mode.toString(8)}, expected 700`,
      );
    }
  }
  return dir;
}

/** Addresses of the key files, in the byte order of their file names (as the reference lists them). */
export function listKeys(configDir: string): Address[] {
  const dir = keyDirOf(configDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith("."))
    .sort()
    .map((n) => {
      const body = n.replace(/^0x/i, "");
      return /^[0-9a-fA-F]{40}$/.test(body) ? hexToBytes(body) : new Uint8Array(20);
    });
}

function candidates(address: Address): string[] {
  const lower = bytesToHex(address);
  return [lower, defaultCrypto.toChecksumAddress(address).slice(2), lower.toUpperCase()];
}

export function readKeyFile(configDir: string, address: Address): string {
  const dir = keyDirOf(configDir);
  for (const name of candidates(address)) {
    const p = join(dir, name);
    if (existsSync(p)) return readFileSync(p, "utf8");
  }
  throw new ThetaError(
    KeyDirErrorCode.NotFound,
    `open ${join(dir, candidates(address)[1]!)}: no such file or directory (no key for ${defaultCrypto.toChecksumAddress(address)})`,
  );
}

export function writeKeyFile(configDir: string, address: Address, content: string): void {
  const dir = ensureKeyDir(configDir);
  const name = defaultCrypto.toChecksumAddress(address).slice(2);
  const tmp = join(dir, `.${name}.tmp${process.pid}`);
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, join(dir, name));
}

export function deleteKeyFiles(configDir: string, address: Address): void {
  for (const name of candidates(address)) rmSync(join(keyDirOf(configDir), name), { force: true });
}
