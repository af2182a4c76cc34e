import { ThetaError } from "@theta/core-types";
import { listKeyFiles, nodeKeyDir, readKeyFile, writeKeyFile } from "./keyFiles.ts";
import type { NodeKey, NodeKeyCodec } from "./nodeKeyCodec.ts";

/** Stable codes of node-key failures. */
export const NodeKeyErrorCode = {
  MultipleKeys: "NODE_KEY_MULTIPLE",
  PasswordMismatch: "NODE_KEY_PASSWORD_MISMATCH",
  EmptyPassword: "NODE_KEY_EMPTY_PASSWORD",
} as const;

/** Asks the operator one question and returns the answer (without echo on a terminal). */
import type { AskPassword } from "@theta/platform-node";

export type { AskPassword };

/** Dependencies of {@link loadOrCreateNodeKey}. */
export interface NodeKeyDeps {
  readonly codec: NodeKeyCodec;
  readonly ask: AskPassword;
  /** Prints a line for the operator. */
  readonly say: (line: string) => void;
}

/** The prompts, as the reference words them. */
export const PROMPTS = {
  choose: "Please choose your password for the Theta Node: ",
  again: "Please enter your password again: ",
  unlock: "Please enter the password to launch the Theta node: ",
} as const;

/** The one key file in `dir` (undefined when there is none); more than one is an error. */
export async function singleKeyFile(dir: string): Promise<string | undefined> {
  const files = await listKeyFiles(dir);
  if (files.length > 1) {
    throw new ThetaError(
      NodeKeyErrorCode.MultipleKeys,
      `Multiple encrypted keys detected under ${dir}. Please keep only one key.`,
      { details: { dir, files } },
    );
  }
  return files[0];
}

/**
 * Node key handling of docs/interfaces.md §3.2 step 2: with one key file under `<keyRoot>/key/encrypted`,
 * unlock it with the supplied password or one asked for; with none, create a key after a
 * confirmed password (or with the supplied one); with more than one, fail.
 */
export async function loadOrCreateNodeKey(
  deps: NodeKeyDeps,
  opts: { readonly keyRoot: string; readonly password?: string },
): Promise<{ readonly key: NodeKey; readonly created: boolean }> {
  const dir = nodeKeyDir(opts.keyRoot);
  const file = await singleKeyFile(dir);
  if (file !== undefined) {
    const password = opts.password ?? (await deps.ask(PROMPTS.unlock));
    const key = await deps.codec.decrypt(await readKeyFile(dir, file), password, file);
    return { key, created: false };
  }
  let password = opts.password;
  if (password === undefined) {
    deps.say("This is the first launch of this node: it needs a key, encrypted with a password you choose.");
    password = await deps.ask(PROMPTS.choose);
    const again = await deps.ask(PROMPTS.again);
    if (password !== again) throw new ThetaError(NodeKeyErrorCode.PasswordMismatch, "Passwords do not match");
  }
  if (password === "") {
    throw new ThetaError(NodeKeyErrorCode.EmptyPassword, "the node key password must not be empty");
  }
  const key = await deps.codec.generate();
  await writeKeyFile(dir, key.address, await deps.codec.encrypt(key, password));
  deps.say("IMPORTANT: store your password safely. Without it the node key cannot be unlocked or recovered.");
  deps.say(`Created node key ${key.address} under ${dir}`);
  return { key, created: true };
}
