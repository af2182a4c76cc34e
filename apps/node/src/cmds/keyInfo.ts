/**
 * `theta key info`: unlocks a node key (a keystore file, or the one key under `<root>/key/encrypted`)
 * and prints what staking it as a guardian takes: the address, the BLS public key derived from the
 * private key (docs/decisions.md §9) and its proof of possession.
 */
import { stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { bytesToHex, ThetaError } from "@theta/core-types";
import { defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { blsIdentityOf } from "../keys/blsIdentity.ts";
import { nodeKeyDir, readKeyFile } from "../keys/keyFiles.ts";
import { type AskPassword, PROMPTS, singleKeyFile } from "../keys/loadNodeKey.ts";
import type { NodeKey, NodeKeyCodec } from "../keys/nodeKeyCodec.ts";

/** Stable codes of `theta key info` failures (besides the codec's and NODE_KEY_MULTIPLE). */
export const KeyInfoErrorCode = { NoKey: "KEY_INFO_NO_KEY" } as const;

/** A node key's public credentials, hex with `0x`. */
export interface KeyInfo {
  /** EIP-55 address. */
  readonly address: string;
  /** 48-byte compressed BLS G1 public key. */
  readonly blsPubkey: string;
  /** 96-byte BLS signature over the public key. */
  readonly blsPop: string;
}

/** The credentials of a private key: its address, BLS key (decision 9) and proof of possession. */
export function keyInfoOf(privateKey: Uint8Array, crypto: ThetaCrypto = defaultCrypto): KeyInfo {
  const { blsPubkey, blsPop } = blsIdentityOf(privateKey);
  return {
    address: crypto.toChecksumAddress(crypto.privateKeyToAddress(privateKey)),
    blsPubkey: `0x${bytesToHex(blsPubkey)}`,
    blsPop: `0x${bytesToHex(blsPop)}`,
  };
}

/** Where the key is: a keystore file, or the single file under `<path>/key/encrypted`. */
async function locateKey(path: string): Promise<{ dir: string; file: string }> {
  const isFile = await stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile) return { dir: dirname(path), file: basename(path) };
  const dir = nodeKeyDir(path);
  const file = await singleKeyFile(dir);
  if (file === undefined) {
    throw new ThetaError(KeyInfoErrorCode.NoKey, `no node key under ${dir} (and ${path} is not a key file)`, {
      details: { path },
    });
  }
  return { dir, file };
}

/** Unlocks the key at `path` (file or key root) with `password`, or one asked for. */
export async function unlockKeyAt(
  deps: { readonly codec: NodeKeyCodec; readonly ask: AskPassword },
  opts: { readonly path: string; readonly password: string | undefined },
): Promise<NodeKey> {
  const { dir, file } = await locateKey(opts.path);
  const text = await readKeyFile(dir, file);
  const password = opts.password ?? (await deps.ask(PROMPTS.unlock));
  return deps.codec.decrypt(text, password, file);
}

/** The lines `theta key info` prints (without `--json`). */
export function keyInfoText(info: KeyInfo): string[] {
  return [
    `Address:                 ${info.address}`,
    `BLS public key:          ${info.blsPubkey}`,
    `BLS proof of possession: ${info.blsPop}`,
  ];
}
