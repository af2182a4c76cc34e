/** Registers `theta devnet init` and `theta devnet start` on the command tree. */
import { nodeRandom, nodeScrypt } from "@theta/platform-node";
import { type Command, InvalidArgumentError } from "commander";
import { DEVNET_DEFAULTS } from "../devnet/layout.ts";
import { colourWanted } from "../devnet/logLines.ts";
import { summaryTable } from "../devnet/summary.ts";
import { superviseDevnet } from "../devnet/supervisor.ts";
import { createCryptoNodeKeyCodec } from "../keys/cryptoNodeKeyCodec.ts";
import { type GlobalFlags, resolvePassword } from "./globalOptions.ts";

/**
 * scrypt cost of devnet keystores: 2^12 instead of the node's 2^18, so that a devnet of many nodes
 * starts in seconds. Devnet keys guard nothing of value; never use them elsewhere.
 */
export const DEVNET_SCRYPT_N = 4096;

const int = (flag: string) => (v: string) => {
  // commander reports an InvalidArgumentError as one line and exit code 1 (any other error would crash).
  if (!/^[0-9]+$/.test(v))
    throw new InvalidArgumentError(`${flag}: expected a non-negative integer, got ${v}`);
  return Number(v);
};

interface InitFlags {
  validators: number;
  guardians: number;
  followers: number;
  eens: number;
  out: string;
  chainId: string;
  basePort: number;
  blockIntervalMs: number;
  force?: boolean;
}

export function registerDevnetCommands(program: Command, fail: (e: unknown) => void): void {
  const devnet = program
    .command("devnet")
    .description("a local multi-node network: `devnet init` writes it, `devnet start` runs it")
    .configureHelp({ showGlobalOptions: true });
  devnet
    .command("init")
    .description(
      "write a local network: one genesis with the stakes, one directory per node (config.yaml, key, snapshot) " +
        "with distinct ports, devnet.json for scripts; keys are encrypted with --password " +
        `(else THETA_NODE_PASSWORD, else "${DEVNET_DEFAULTS.password}")`,
    )
    .requiredOption("--validators <n>", "number of validators (equal stakes)", int("--validators"))
    .option(
      "--guardians <n>",
      "number of guardian nodes (each stakes the guardian minimum)",
      int("--guardians"),
      0,
    )
    .option("--followers <n>", "number of nodes without stake", int("--followers"), 0)
    .option(
      "--eens <n>",
      "number of elite edge nodes (een.enabled; each stakes the EEN minimum, 10,000 TFuel, in the genesis)",
      int("--eens"),
      0,
    )
    .requiredOption("--out <dir>", "devnet directory (must be empty or absent)")
    .option("--chain-id <id>", "chain id", DEVNET_DEFAULTS.chainId)
    .option(
      "--base-port <p>",
      "first port: rpc at base+i, p2p at base+100+i, metrics at base+200+i",
      int("--base-port"),
      DEVNET_DEFAULTS.basePort,
    )
    .option(
      "--block-interval-ms <ms>",
      "block interval",
      int("--block-interval-ms"),
      DEVNET_DEFAULTS.blockIntervalMs,
    )
    .option("--force", "replace a previous devnet in --out")
    .action(async (opts: InitFlags, cmd: Command) => {
      try {
        const password =
          resolvePassword(cmd.optsWithGlobals<GlobalFlags>(), process.env) ?? DEVNET_DEFAULTS.password;
        const codec = createCryptoNodeKeyCodec(
          { random: nodeRandom, scrypt: nodeScrypt },
          { scryptN: DEVNET_SCRYPT_N },
        );
        // The genesis writer (ledger) loads only for `init`.
        const { initDevnet } = await import("../devnet/initDevnet.ts");
        const { dir, manifest } = await initDevnet(
          { codec },
          {
            out: opts.out,
            validators: opts.validators,
            guardians: opts.guardians,
            followers: opts.followers,
            eens: opts.eens,
            chainId: opts.chainId,
            basePort: opts.basePort,
            blockIntervalMs: opts.blockIntervalMs,
            password,
            force: opts.force === true,
          },
        );
        const say = (line: string) => process.stdout.write(`${line}\n`);
        say(`Wrote devnet ${dir}: chain ${manifest.chainId}, genesis block hash ${manifest.genesisHash}`);
        for (const line of summaryTable(manifest.nodes, (n) => `${dir}/${n.dir}`)) say(line);
        say(`Start it with: theta devnet start ${dir}`);
      } catch (e) {
        fail(e);
      }
    });
  devnet
    .command("start")
    .description(
      "run every node of a devnet as a child process (`theta start --config=<node dir>`), logs prefixed " +
        "with the node name, a status line per new height; Ctrl-C stops them all",
    )
    .argument("<dir>", "devnet directory written by `theta devnet init`")
    .option("--only <name>", "run only this node (e.g. validator-2)")
    .action(async (dir: string, opts: { only?: string }, cmd: Command) => {
      try {
        const password =
          resolvePassword(cmd.optsWithGlobals<GlobalFlags>(), process.env) ?? DEVNET_DEFAULTS.password;
        const code = await superviseDevnet(
          {
            theta: { file: process.execPath, args: [...process.execArgv, process.argv[1]!] },
            env: process.env,
            out: (line) => process.stdout.write(`${line}\n`),
            err: (line) => process.stderr.write(`${line}\n`),
            colour: colourWanted(process.stdout.isTTY, process.env),
            now: () => performance.now(),
            onStopSignal: (stop) => {
              const handler = (signal: NodeJS.Signals) => stop(signal);
              process.on("SIGINT", handler);
              process.on("SIGTERM", handler);
              return () => {
                process.off("SIGINT", handler);
                process.off("SIGTERM", handler);
              };
            },
          },
          { dir, only: opts.only, password },
        );
        process.exitCode = code;
      } catch (e) {
        fail(e);
      }
    });
}
