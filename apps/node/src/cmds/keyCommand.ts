/** Registers `theta key info` on the command tree. */
import { createPasswordPrompter } from "@theta/platform-node";
import type { Command } from "commander";
import { defaultNodeKeyCodec } from "../keys/cryptoNodeKeyCodec.ts";
import { type GlobalFlags, resolvePassword, resolvePaths } from "./globalOptions.ts";
import { keyInfoOf, keyInfoText, unlockKeyAt } from "./keyInfo.ts";

export function registerKeyCommands(program: Command, fail: (e: unknown) => void): void {
  const key = program.command("key").description("node key tools").configureHelp({ showGlobalOptions: true });
  key
    .command("info")
    .description(
      "print a node key's address, BLS public key and BLS proof of possession (what a guardian stake needs); " +
        "the key is the one under --key (a key root, or a keystore file), else under --config",
    )
    .option("--json", "print one JSON object {address, blsPubkey, blsPop}")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      try {
        const flags = cmd.optsWithGlobals<GlobalFlags>();
        const nodeKey = await unlockKeyAt(
          { codec: defaultNodeKeyCodec(), ask: createPasswordPrompter(process.stdin, process.stdout) },
          { path: resolvePaths(flags).keyRoot, password: resolvePassword(flags, process.env) },
        );
        const info = keyInfoOf(nodeKey.privateKey);
        const lines = opts.json === true ? [JSON.stringify(info)] : keyInfoText(info);
        for (const line of lines) process.stdout.write(`${line}\n`);
      } catch (e) {
        fail(e);
      }
    });
}
