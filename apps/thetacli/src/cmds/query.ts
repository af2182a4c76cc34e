/** `thetacli query …`: prints the node's result with keys sorted and 4-space indentation. */
import { ThetaError } from "@theta/core-types";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { formatSorted } from "../jsonOutput.ts";
import { RpcClientErrorCode } from "../rpc/client.ts";
import { registerStakeQueries } from "./queryStakes.ts";

export const QueryErrorCode = { MissingFlag: "CLI_MISSING_FLAG", BadFlag: "CLI_BAD_FLAG" } as const;

/**
 * Calls `method` and prints its result sorted. Failures read `Failed to get <what>: …`; a node
 * error reads `Failed to <serverWhat>: …` when given (the reference words some commands' two
 * failures differently, e.g. `Failed to retrieve peers`).
 */
export async function show(
  ctx: CliContext,
  what: string,
  method: string,
  args: Record<string, unknown>,
  serverWhat?: string,
): Promise<void> {
  try {
    ctx.out(formatSorted(await ctx.rpc().call(method, args)));
  } catch (e) {
    const code = (e as ThetaError).code;
    const prefix =
      serverWhat !== undefined && code === RpcClientErrorCode.Server ? serverWhat : `get ${what}`;
    throw new ThetaError(code ?? "CLI_QUERY", `Failed to ${prefix}: ${(e as Error).message}`);
  }
}

/** A height flag as the node's decimal string (`--height` absent = 0). */
export const heightArg = (h: string | undefined): string => {
  if (h === undefined) return "0";
  if (!/^\d+$/.test(h)) {
    throw new ThetaError(QueryErrorCode.BadFlag, `--height: expected a non-negative integer, got '${h}'`);
  }
  return BigInt(h).toString();
};

/**
 * A Go boolean flag (`--flag`, `--flag=true`, `--flag=false`; also 1/0, t/f), for flags whose
 * default is true.
 */
export function goBool(flag: string): (value: string) => boolean {
  return (value) => {
    const v = value.toLowerCase();
    if (["true", "t", "1"].includes(v)) return true;
    if (["false", "f", "0"].includes(v)) return false;
    throw new ThetaError(QueryErrorCode.BadFlag, `${flag}: expected true or false, got '${value}'`);
  };
}

export function registerQueryCommands(program: Command, ctx: () => CliContext): void {
  const q = program.command("query").description("Query the node (prints its JSON result, keys sorted)");
  const simple: Array<[string, string, string, string]> = [
    ["status", "the node's status", "theta.GetStatus", "thetacli query status"],
    ["version", "the node's version", "theta.GetVersion", "thetacli query version"],
    ["guardian", "this node's guardian information", "theta.GetGuardianInfo", "thetacli query guardian"],
  ];
  for (const [name, what, method, example] of simple) {
    q.command(name)
      .description(`Show ${what}`)
      .addHelpText("after", `\nExample:\n  ${example}`)
      .action(() => show(ctx(), what, method, {}));
  }
  q.command("peers")
    .description("List the node's currently connected peers")
    .option(
      "--skip_edge_node [bool]",
      "leave edge nodes out (--skip_edge_node=false to include them)",
      goBool("--skip_edge_node"),
      true,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  thetacli query peers\n  thetacli query peers --skip_edge_node=false",
    )
    .action((o: { skip_edge_node: boolean }) =>
      show(ctx(), "peers", "theta.GetPeers", { skip_edge_node: o.skip_edge_node }, "retrieve peers"),
    );
  q.command("account")
    .description("Show an account (balances, sequence, reserved funds)")
    .requiredOption("--address <address>", "the account address")
    .option("--height <height>", "a finalized height (0 = latest)")
    .option("--preview", "include transactions still in the mempool", false)
    .addHelpText(
      "after",
      "\nExample:\n  thetacli query account --address=2E833968E5bB786Ae419c4d13189fB081Cc43bab",
    )
    .action((o: { address: string; height?: string; preview: boolean }) =>
      show(ctx(), "account details", "theta.GetAccount", {
        address: o.address,
        height: heightArg(o.height),
        preview: o.preview,
      }),
    );
  q.command("block")
    .description("Show a block by hash, by height, or a range")
    .option("--hash <hash>", "block hash")
    .option("--height <height>", "block height")
    .option("--start <height>", "first height of a range")
    .option("--end <height>", "last height of a range")
    .option("--include_eth_tx_hashes", "add eth_tx_hash to each transaction", false)
    .option(
      "--include_unfinalized_blocks",
      "by height: the last block at that height, finalized or not",
      false,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  thetacli query block --height=10\n  thetacli query block --start=1 --end=5",
    )
    .action(
      (o: {
        hash?: string;
        height?: string;
        start?: string;
        end?: string;
        include_eth_tx_hashes: boolean;
        include_unfinalized_blocks: boolean;
      }) => {
        const c = ctx();
        if (o.hash)
          return show(c, "block", "theta.GetBlock", {
            hash: o.hash,
            include_eth_tx_hashes: o.include_eth_tx_hashes,
          });
        if (o.end !== undefined && o.end !== "0") {
          return show(c, "blocks", "theta.GetBlocksByRange", {
            start: heightArg(o.start),
            end: heightArg(o.end),
            include_eth_tx_hashes: o.include_eth_tx_hashes,
          });
        }
        return show(c, "block", "theta.GetBlockByHeight", {
          height: heightArg(o.height),
          include_eth_tx_hashes: o.include_eth_tx_hashes,
          include_unfinalized_blocks: o.include_unfinalized_blocks,
        });
      },
    );
  q.command("tx")
    .description("Show a transaction by hash")
    .requiredOption("--hash <hash>", "transaction hash")
    .addHelpText("after", "\nExample:\n  thetacli query tx --hash=0x27f1…41dd")
    .action((o: { hash: string }) => show(ctx(), "transaction", "theta.GetTransaction", { hash: o.hash }));
  q.command("split_rule")
    .description("Show the split rule of a resource")
    .requiredOption("--resource_id <id>", "resource id")
    .addHelpText("after", "\nExample:\n  thetacli query split_rule --resource_id=vid001")
    .action((o: { resource_id: string }) =>
      show(ctx(), "split rule", "theta.GetSplitRule", { resource_id: o.resource_id }),
    );
  for (const [name, what, method] of [
    ["vcp", "validator candidate pool", "theta.GetVcpByHeight"],
    ["gcp", "guardian candidate pool", "theta.GetGcpByHeight"],
  ] as const) {
    q.command(name)
      .description(`Show the ${what} of every block at a height`)
      .requiredOption("--height <height>", "height of the block")
      .addHelpText("after", `\nExample:\n  thetacli query ${name} --height=10`)
      .action((o: { height: string }) => show(ctx(), what, method, { height: heightArg(o.height) }));
  }
  registerStakeQueries(q, ctx);
}
