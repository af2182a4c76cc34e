import { randomBytes } from "node:crypto";
import { isThetaError } from "@theta/core-types";
import { createPasswordPrompter, nodeRandom, nodeScrypt } from "@theta/platform-node";
import { Command } from "commander";
import { readBuildInfo } from "./buildInfo.ts";
import { registerDevnetCommands } from "./cmds/devnet.ts";
import { genesisReport, runGenesis } from "./cmds/genesis.ts";
import { type GlobalFlags, resolvePassword, resolvePaths } from "./cmds/globalOptions.ts";
import { initConfigDir } from "./cmds/init.ts";
import { registerKeyCommands } from "./cmds/keyCommand.ts";
import { makePrivatenet } from "./cmds/makePrivatenet.ts";
import { type RunningNode, startNode } from "./cmds/start.ts";
import { versionText } from "./cmds/version.ts";
import { defaultNodeKeyCodec } from "./keys/cryptoNodeKeyCodec.ts";

/** Prints a failure the way the CLI reports it and sets exit code 1. */
function fail(e: unknown): void {
  const text = isThetaError(e)
    ? `${e.message} [${e.code}]`
    : e instanceof Error
      ? (e.stack ?? e.message)
      : String(e);
  process.stderr.write(`Error: ${text}\n`);
  process.exitCode = 1;
}

/** Builds the `theta` command tree (docs/interfaces.md §3). */
export function buildCli(): Command {
  const program = new Command("theta")
    .description("Theta blockchain node (TypeScript)")
    .option("--config <dir>", "config directory (default $HOME/.theta)")
    .option("--snapshot <file>", "snapshot file (default <config>/snapshot)")
    .option("--chain_import <dir>", "directory of chain backups (theta_chain-*) to import on start")
    .option("--chain_correction <file>", "chain correction file to import on start (after --chain_import)")
    .option("--data <dir>", "database root (default: the config directory)")
    .option("--key <dir>", "key root, keys under <key>/key/encrypted (default: the config directory)")
    .option("--password <pw>", "node key password (else THETA_NODE_PASSWORD, else asked)");

  program
    .command("version")
    .description("print the version")
    .action(() => {
      process.stdout.write(versionText(readBuildInfo()));
    });

  program
    .command("init")
    .description("create a config directory with a default config.yaml")
    .action(async (_opts, cmd: Command) => {
      try {
        const file = await initConfigDir(resolvePaths(cmd.optsWithGlobals<GlobalFlags>()).configDir);
        process.stdout.write(`Created ${file}\n`);
      } catch (e) {
        fail(e);
      }
    });

  program
    .command("genesis")
    .description("write a genesis snapshot from a description (JSON or YAML)")
    .requiredOption("--description <file>", "genesis description (.json, .yaml or .yml)")
    .requiredOption("--out <file>", "snapshot file to write")
    .action(async (opts: { description: string; out: string }) => {
      try {
        const written = await runGenesis({ descriptionFile: opts.description, outFile: opts.out });
        for (const line of genesisReport(opts.out, written)) process.stdout.write(`${line}\n`);
      } catch (e) {
        fail(e);
      }
    });

  program
    .command("make-privatenet")
    .description("write the privatenet fixture (config, genesis snapshot, keystores) under a directory")
    .requiredOption("--out <dir>", "output directory (e.g. fixtures/privatenet)")
    .action(async (opts: { out: string }) => {
      try {
        const hash = await makePrivatenet({ random: nodeRandom, scrypt: nodeScrypt }, opts.out);
        process.stdout.write(`Wrote ${opts.out} (genesis block hash ${hash})\n`);
      } catch (e) {
        fail(e);
      }
    });

  program
    .command("start")
    .description("start the node")
    .action(async (_opts, cmd: Command) => {
      await runStart(cmd.optsWithGlobals<GlobalFlags>());
    });

  registerKeyCommands(program, fail);
  registerDevnetCommands(program, fail);

  return program;
}

/**
 * `theta start` with process wiring: signal handlers are installed before anything starts; a
 * SIGINT/SIGTERM before the node is up exits at once (130/143), afterwards it stops the node
 * gracefully and exits 0. The process is held open until a signal arrives.
 */
async function runStart(flags: GlobalFlags): Promise<void> {
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let node: RunningNode | undefined;
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping || node === undefined) return;
    stopping = true;
    clearInterval(keepAlive);
    node.stop(reason).then(
      () => process.exit(0),
      (e: unknown) => {
        fail(e);
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // Before the node is up (e.g. waiting for a password) nothing needs a graceful stop.
    if (node === undefined) process.exit(signal === "SIGINT" ? 130 : 143);
    stop(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const buildInfo = readBuildInfo();
  try {
    // The chain (ledger, EVM, consensus, p2p) loads only for `start`, so other commands start fast.
    const [{ createChainFactory }, { registerEthRpc }, { registerChainRpc }] = await Promise.all([
      import("./compose/chainFactory.ts"),
      import("./rpc/eth/registerEthRpc.ts"),
      import("./rpc/registerChainRpc.ts"),
    ]);
    node = await startNode(
      {
        env: process.env,
        ask: createPasswordPrompter(process.stdin, process.stdout),
        say: (line) => process.stdout.write(`${line}\n`),
        codec: defaultNodeKeyCodec(),
        buildInfo,
        chain: createChainFactory({
          clientVersion: `theta-ts/v${buildInfo.version}/${process.platform}-${process.arch}/node-${process.version}`,
          registerRpc: (registry, query, config, eth) => {
            registerChainRpc(registry, query, {
              blocksByRange: {
                heavyQueryThreshold: BigInt(config["rpc.getBlocksHeavyQueryThreshold"]),
                maxHeavyQueries: config["rpc.maxHeavyGetBlocksQueryCount"],
              },
            });
            registerEthRpc(registry, eth, {
              now: () => Date.now(),
              newFilterId: () => `0x${randomBytes(16).toString("hex")}`,
            });
          },
        }),
      },
      {
        paths: resolvePaths(flags),
        password: resolvePassword(flags, process.env),
        chainImport: flags.chain_import,
        chainCorrection: flags.chain_correction,
      },
    );
  } catch (e) {
    clearInterval(keepAlive);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    fail(e);
    return;
  }
}

/** Runs the CLI on `argv` (as process.argv). */
export async function runCli(argv: readonly string[]): Promise<void> {
  await buildCli().parseAsync([...argv]);
}
