/** The `thetacli` program: global flags, the command groups, and one-line errors. */
import { isThetaError } from "@theta/core-types";
import { type AskPassword, createPasswordPrompter } from "@theta/platform-node";
import { Command, CommanderError } from "commander";
import { registerBackupCommands } from "./cmds/backup.ts";
import { registerCallCommands } from "./cmds/call.ts";
import { registerDaemonCommands } from "./cmds/daemon.ts";
import { registerKeyCommands } from "./cmds/key.ts";
import { registerMicropaymentCommands } from "./cmds/micropayment.ts";
import { registerQueryCommands } from "./cmds/query.ts";
import { registerTxCommands } from "./cmds/tx.ts";
import { defaultConfigDir, loadCliConfig } from "./config.ts";
import type { CliContext } from "./context.ts";
import { createRpcClient } from "./rpc/client.ts";
import { VERSION } from "./version.ts";

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly ask?: AskPassword;
  readonly env: NodeJS.ProcessEnv;
}

export function buildCli(io: CliIo): Command {
  const program = new Command("thetacli")
    .description("The Theta wallet: keys, transactions, queries and the wallet daemon")
    .option("--config <dir>", "configuration directory (keys under <dir>/keys/encrypted)", defaultConfigDir())
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, "")),
      writeErr: (s) => io.err(s.replace(/\n$/, "")),
    });
  let announced = false;
  const ctx = (): CliContext => {
    const configDir = program.opts<{ config: string }>().config;
    const cfg = loadCliConfig(configDir, io.env);
    if (cfg.file && !announced) {
      io.out(`Using config file: ${cfg.file}`);
      announced = true;
    }
    return {
      configDir,
      out: io.out,
      ask: io.ask ?? createPasswordPrompter(process.stdin, process.stdout),
      rpc: () => createRpcClient(cfg.endpoint),
    };
  };
  program
    .command("version")
    .description("Print the version")
    .addHelpText("after", "\nExample:\n  thetacli version")
    .action(() => io.out(`Version ${VERSION.version} ${VERSION.gitHash}\nBuilt at ${VERSION.builtAt}`));
  registerKeyCommands(program, ctx);
  registerTxCommands(program, ctx);
  registerCallCommands(program, ctx);
  registerQueryCommands(program, ctx);
  registerMicropaymentCommands(program, ctx);
  registerDaemonCommands(program, ctx);
  registerBackupCommands(program, ctx);
  return program;
}

/** Runs the CLI; resolves with the exit code (0 on success, 1 on any failure, with one line saying why). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildCli(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    io.err(isThetaError(e) ? e.message : `thetacli: ${(e as Error).message}`);
    return 1;
  }
}
