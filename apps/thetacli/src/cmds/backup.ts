/**
 * `thetacli backup snapshot|chain|chain_correction` (docs/interfaces.md §2.2): ask the node for a
 * snapshot, a chain backup or a chain correction (theta.BackupSnapshot / BackupChain /
 * BackupChainCorrection) and print its result with keys sorted and 4-space indentation. The local
 * `--config` is the *node's* config directory (the files go under `<config>/backup/`); it shadows
 * the global flag, as in the reference.
 */
import { ThetaError } from "@theta/core-types";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { formatSorted, type JsonNode } from "../jsonOutput.ts";

/** Stable codes of the backup commands. */
export const BackupCmdErrorCode = {
  BadNumber: "CLI_BACKUP_BAD_NUMBER",
  MissingConfig: "CLI_BACKUP_MISSING_CONFIG",
  Failed: "CLI_BACKUP_FAILED",
} as const;

/** A flag's decimal value as the JSON number the backup methods take (absent: 0). */
export function plainNumber(flag: string, value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new ThetaError(
      BackupCmdErrorCode.BadNumber,
      `--${flag}: expected a non-negative integer, got "${value}"`,
    );
  }
  return Number(value);
}

async function run(
  context: () => CliContext,
  what: string,
  method: string,
  argsOf: () => Record<string, unknown>,
): Promise<void> {
  const args = argsOf();
  const ctx = context();
  let result: JsonNode;
  try {
    result = await ctx.rpc().call(method, args);
  } catch (e) {
    throw new ThetaError(
      (e as ThetaError).code ?? BackupCmdErrorCode.Failed,
      `Failed to get backup ${what} res details: ${(e as Error).message}`,
    );
  }
  ctx.out(formatSorted(result));
}

/**
 * Splits the `--config` flags of a command line at the `backup` token: those after it name the
 * node's directory (the last one wins), those before it the wallet's. Commander hands every
 * `--config` to the global option, so the backup commands sort them out from the raw arguments.
 */
export function splitConfigFlags(argv: readonly string[]): {
  wallet: string | undefined;
  node: string | undefined;
} {
  let wallet: string | undefined;
  let node: string | undefined;
  let afterBackup = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let value: string | undefined;
    if (a.startsWith("--config=")) value = a.slice("--config=".length);
    else if (a === "--config" && i + 1 < argv.length) value = argv[++i];
    else if (a === "backup" && !afterBackup) afterBackup = true;
    if (value === undefined) continue;
    if (afterBackup) node = value;
    else wallet = value;
  }
  return { wallet, node };
}

/** Registers the `backup` group. */
export function registerBackupCommands(program: Command, ctx: () => CliContext): void {
  // The node's directory comes from the flags after `backup`; the global option goes back to the
  // wallet's value (or its default) before the context reads it.
  const defaultConfig = program.getOptionValue("config") as string;
  const nodeConfig = (): string => {
    const { wallet, node } = splitConfigFlags((program as unknown as { rawArgs: readonly string[] }).rawArgs);
    program.setOptionValue("config", wallet ?? defaultConfig);
    if (node === undefined || node === "") {
      throw new ThetaError(
        BackupCmdErrorCode.MissingConfig,
        "error: required option '--config <dir>' not specified",
      );
    }
    return node;
  };
  const b = program
    .command("backup")
    .description("Manage backups (the node writes the files under <config>/backup/)");
  b.command("snapshot")
    .description("Back up the state at a finalized height as a snapshot file")
    .option("--config <dir>", "the node's config directory (required)")
    .option("--height <height>", "snapshot height (0 = the latest finalized)")
    .option("--version <version>", "snapshot version (2 or 3; 0 means 2)")
    .addHelpText("after", "\nExample:\n  thetacli backup snapshot --config=../privatenet/node --height=100")
    .action((o: { height?: string; version?: string }) =>
      run(ctx, "snapshot", "theta.BackupSnapshot", () => ({
        config: nodeConfig(),
        height: plainNumber("height", o.height),
        version: plainNumber("version", o.version),
      })),
    );
  b.command("chain")
    .description("Back up the finalized blocks from --start to --end with their votes")
    .requiredOption("--start <height>", "starting block height")
    .requiredOption("--end <height>", "ending block height")
    .option("--config <dir>", "the node's config directory (required)")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli backup chain --start=0 --end=1000 --config=../privatenet/node",
    )
    .action((o: { start: string; end: string }) =>
      run(ctx, "chain", "theta.BackupChain", () => ({
        start: plainNumber("start", o.start),
        end: plainNumber("end", o.end),
        config: nodeConfig(),
      })),
    );
  b.command("chain_correction")
    .description("Rewrite the chain above a snapshot height without the given transactions")
    .requiredOption("--snapshot_height <height>", "snapshot height")
    .requiredOption("--end_block_hash <hash>", "ending block hash")
    .option("--config <dir>", "the node's config directory (required)")
    .option("--exclusion_txs <hashes>", "comma-separated hashes of the transactions to leave out")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli backup chain_correction --snapshot_height=100 --end_block_hash=0x… --config=../privatenet/node --exclusion_txs=0xab…,0xcd…",
    )
    .action((o: { snapshot_height: string; end_block_hash: string; exclusion_txs?: string }) =>
      run(ctx, "chain", "theta.BackupChainCorrection", () => ({
        snapshot_height: plainNumber("snapshot_height", o.snapshot_height),
        end_block_hash: o.end_block_hash,
        config: nodeConfig(),
        exclusion_txs:
          o.exclusion_txs === undefined ? [] : o.exclusion_txs.split(",").filter((s) => s !== ""),
      })),
    );
}
