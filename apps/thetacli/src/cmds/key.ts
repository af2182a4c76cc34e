/** `thetacli key new | list | delete | password | import | export` (docs/interfaces.md §2.2). */
import { readFileSync } from "node:fs";
import { type Address, hexToBytes, parseLenientBytes, ThetaError } from "@theta/core-types";
import { decryptKeystore, defaultCrypto, encryptKeystore, serializeKeystore } from "@theta/crypto";
import { nodeRandom, nodeScrypt } from "@theta/platform-node";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { deleteKeyFiles, ensureKeyDir, listKeys, readKeyFile, writeKeyFile } from "../wallet/keyDir.ts";

export const KeyCmdErrorCode = {
  BadAddress: "CLI_BAD_ADDRESS",
  Mismatch: "CLI_PASSWORD_MISMATCH",
  BadKey: "CLI_BAD_PRIVATE_KEY",
} as const;

const hexAddr = (a: Address) => defaultCrypto.toChecksumAddress(a);

export function parseAddressArg(text: string): Address {
  if (!/^(0x)?[0-9a-fA-F]{40}$/.test(text)) {
    throw new ThetaError(
      KeyCmdErrorCode.BadAddress,
      `address: expected 40 hex digits (with or without 0x), got '${text}'`,
    );
  }
  return parseLenientBytes(text, 20);
}

/** Decrypts the key of `address`, with the reference's "Failed to unlock" wording on failure. */
export async function unlock(ctx: CliContext, address: Address, password: string): Promise<Uint8Array> {
  try {
    return await decryptKeystore(
      readKeyFile(ctx.configDir, address),
      password,
      { scrypt: nodeScrypt },
      address,
    );
  } catch (e) {
    throw new ThetaError(
      (e as ThetaError).code ?? "CLI_UNLOCK",
      `Failed to unlock address ${hexAddr(address)}: ${(e as Error).message}`,
    );
  }
}

/** Encrypts `key` with `password` and writes it to the key directory; returns its address. */
export async function store(
  ctx: Pick<CliContext, "configDir">,
  key: Uint8Array,
  password: string,
): Promise<Address> {
  const ks = await encryptKeystore(key, password, { random: nodeRandom, scrypt: nodeScrypt });
  const address = defaultCrypto.privateKeyToAddress(key);
  writeKeyFile(ctx.configDir, address, serializeKeystore(ks));
  return address;
}

export function registerKeyCommands(program: Command, ctx: () => CliContext): void {
  const key = program
    .command("key")
    .description("Manage the keys of the soft wallet (<config>/keys/encrypted)");

  key
    .command("new")
    .description("Create a new key, encrypted with a password")
    .addHelpText("after", "\nExample:\n  thetacli key new")
    .action(async () => {
      const c = ctx();
      ensureKeyDir(c.configDir);
      const password = await c.ask("Please enter password: ");
      const address = await store(c, nodeRandomKey(), password);
      c.out(`Successfully created key: ${hexAddr(address)}`);
    });

  key
    .command("list")
    .description("List the addresses of all keys")
    .addHelpText("after", "\nExample:\n  thetacli key list --config=~/.thetacli")
    .action(() => {
      const c = ctx();
      for (const a of listKeys(c.configDir)) c.out(hexAddr(a));
    });

  key
    .command("delete <address>")
    .description("Delete a key (asks for its password twice and a confirmation)")
    .addHelpText("after", "\nExample:\n  thetacli key delete 0x2E833968E5bB786Ae419c4d13189fB081Cc43bab")
    .action(async (text: string) => {
      const c = ctx();
      const address = parseAddressArg(text);
      const password = await c.ask("Please enter the password: ");
      await unlock(c, address, password);
      const answer = await c.ask(
        "Are you sure to delete the key? Please enter 'no' to stop or 'yes' to proceed: ",
      );
      if (answer.trim().toLowerCase() !== "yes") return;
      const again = await c.ask("Please enter the password again to proceed: ");
      if (again !== password) throw new ThetaError(KeyCmdErrorCode.Mismatch, "Passwords do not match, abort");
      deleteKeyFiles(c.configDir, address);
      c.out(`Key for address ${hexAddr(address)} has been deleted`);
    });

  key
    .command("password <address>")
    .description("Change the password of a key")
    .addHelpText("after", "\nExample:\n  thetacli key password 0x2E833968E5bB786Ae419c4d13189fB081Cc43bab")
    .action(async (text: string) => {
      const c = ctx();
      const address = parseAddressArg(text);
      const current = await c.ask("Please enter the current password: ");
      const k = await unlock(c, address, current);
      const next = await c.ask("Please enter a new password: ");
      await store(c, k, next);
      c.out("Password updated successfully");
    });

  key
    .command("import")
    .description("Import a key from a private key (hex) or from a v3 keystore file (not in the reference)")
    .option("--private_key <hex>", "the 32-byte private key in hex")
    .option("--keystore <file>", "a v3 keystore file (asks for its password)")
    .addHelpText(
      "after",
      "\nExamples:\n  thetacli key import --private_key=93a90ea5…c737\n  thetacli key import --keystore=./UTC--2019-…",
    )
    .action(async (opts: { private_key?: string; keystore?: string }) => {
      const c = ctx();
      ensureKeyDir(c.configDir);
      let k: Uint8Array;
      if (opts.private_key !== undefined) {
        k = hexToBytes(opts.private_key, "--private_key");
        if (!defaultCrypto.backend.isValidPrivateKey(k)) {
          throw new ThetaError(
            KeyCmdErrorCode.BadKey,
            "--private_key: expected 32 bytes (64 hex digits), a valid secp256k1 scalar",
          );
        }
      } else if (opts.keystore !== undefined) {
        const pw = await c.ask("Please enter the password of the keystore file: ");
        k = await decryptKeystore(readFileSync(opts.keystore, "utf8"), pw, { scrypt: nodeScrypt });
      } else {
        throw new ThetaError(
          KeyCmdErrorCode.BadKey,
          "key import: give --private_key=<hex> or --keystore=<file>",
        );
      }
      const password = await c.ask("Please enter password: ");
      c.out(`Successfully imported key: ${hexAddr(await store(c, k, password))}`);
    });

  key
    .command("export <address>")
    .description(
      "Print a key's private key in hex (asks for its password and a confirmation; not in the reference)",
    )
    .addHelpText("after", "\nExample:\n  thetacli key export 0x2E833968E5bB786Ae419c4d13189fB081Cc43bab")
    .action(async (text: string) => {
      const c = ctx();
      const address = parseAddressArg(text);
      const k = await unlock(c, address, await c.ask("Please enter the password: "));
      const answer = await c.ask(
        "Anyone who sees the private key controls the account. Print it? Enter 'yes' to proceed: ",
      );
      if (answer.trim().toLowerCase() !== "yes") return;
      c.out(Buffer.from(k).toString("hex"));
    });
}

/** A fresh secp256k1 private key from the operating system's randomness. */
export function nodeRandomKey(): Uint8Array {
  for (;;) {
    const k = nodeRandom.randomBytes(32);
    if (defaultCrypto.backend.isValidPrivateKey(k)) return k;
  }
}
