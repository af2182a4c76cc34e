/**
 * `thetacli query eenp | eenp_stake | srdrs | stake_returns | chain_of_blocks`: the elite edge node
 * pool, one EEN stake, the stake reward distribution rules, pending EEN stake returns and a chain
 * of block hashes (docs/interfaces.md §2.2), with the reference's flags and messages.
 */
import { ThetaError } from "@theta/core-types";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { goHexFlag } from "../goHex.ts";
import { goBool, heightArg, QueryErrorCode, show } from "./query.ts";

/** What `stake_returns` prints for a purpose other than 2, as the reference does (exit 0). */
export const STAKE_RETURNS_EEN_ONLY =
  "Only support querying stake return for elite edge nodes (purpose=2) for now";

export function registerStakeQueries(q: Command, ctx: () => CliContext): void {
  q.command("eenp")
    .description("Show the elite edge node pool at the best block of a height")
    .requiredOption("--height <height>", "height of the block")
    .addHelpText("after", "\nExample:\n  thetacli query eenp --height=10")
    .action((o: { height: string }) =>
      show(ctx(), "elite edge node pool", "theta.GetEenpByHeight", { height: heightArg(o.height) }),
    );

  q.command("eenp_stake")
    .description("Show one stake in an elite edge node at the best block of a height")
    .requiredOption("--source <address>", "source of the stake")
    .requiredOption("--holder <address>", "holder of the stake (the elite edge node)")
    .requiredOption("--height <height>", "height of the block")
    .option("--withdrawn_only", "only a withdrawn stake", false)
    .addHelpText(
      "after",
      "\nExample:\n  thetacli query eenp_stake --source=2E833968E5bB786Ae419c4d13189fB081Cc43bab --holder=70f587259738cB626A1720Af7038B8DcDb6a42a0 --height=10",
    )
    .action((o: { source: string; holder: string; height: string; withdrawn_only: boolean }) =>
      show(ctx(), "eenp stake", "theta.GetEenpStakeByHeight", {
        height: heightArg(o.height),
        source: goHexFlag(o.source, 20),
        holder: goHexFlag(o.holder, 20),
        withdrawn_only: o.withdrawn_only,
      }),
    );

  q.command("srdrs")
    .description("Show the stake reward distribution rule set of every block at a height")
    .requiredOption("--height <height>", "height of the block")
    .option("--address <address>", "only this stake holder's rule (a guardian or elite edge node)", "")
    .addHelpText(
      "after",
      "\nExamples:\n  thetacli query srdrs --height=10\n  thetacli query srdrs --height=10 --address=70f587259738cB626A1720Af7038B8DcDb6a42a0",
    )
    .action((o: { height: string; address: string }) =>
      show(ctx(), "stake reward distribution rule set", "theta.GetStakeRewardDistributionByHeight", {
        height: heightArg(o.height),
        address: o.address,
      }),
    );

  q.command("stake_returns")
    .description("Show elite edge node stakes to be returned at a height, or all pending ones")
    .option(
      "--purpose <n>",
      "purpose of the stake return query, validator_node=0, guardian_node=1, elite_edge_node=2",
      "2",
    )
    .option(
      "--height <height>",
      "height of the block, if height=0 the command returns all the pending stake returns",
      "0",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  thetacli query stake_returns\n  thetacli query stake_returns --height=800",
    )
    .action((o: { purpose: string; height: string }) => {
      const c = ctx();
      if (!/^\d+$/.test(o.purpose) || Number(o.purpose) > 255) {
        throw new ThetaError(QueryErrorCode.BadFlag, `--purpose: expected 0 to 255, got '${o.purpose}'`);
      }
      if (Number(o.purpose) !== 2) {
        c.out(STAKE_RETURNS_EEN_ONLY);
        return;
      }
      const height = heightArg(o.height);
      return height === "0"
        ? show(c, "stake returns", "theta.GetAllPendingEliteEdgeNodeStakeReturns", {})
        : show(c, "stake returns", "theta.GetEliteEdgeNodeStakeReturnsByHeight", { height });
    });

  q.command("chain_of_blocks")
    .description("Show the chain of block hashes from a block up to a finalized one, or down its children")
    .option("--hash <hash>", "block hash", "")
    .option(
      "--upstream [bool]",
      "trace the chain of blocks upward (--upstream=false: follow the children)",
      goBool("--upstream"),
      true,
    )
    .addHelpText(
      "after",
      "\nExample:\n  thetacli query chain_of_blocks --upstream=true --hash=0xc88485a473527c55c5ddb067b018324b7e390b188e76702bc1db74dfc2dc6d13",
    )
    .action((o: { hash: string; upstream: boolean }) =>
      show(
        ctx(),
        "block(s) details",
        "theta.TraceBlocks",
        { hash: goHexFlag(o.hash, 32), upstream: o.upstream },
        "retrieve block(s) details",
      ),
    );
}
