/**
 * `thetacli tx send | reserve | release | split_rule | smart_contract | deposit | withdraw |
 * distribute_staking_reward`: build the transaction from flags, unlock the signer's key, sign
 * locally, broadcast. `send` and `smart_contract` wait for the block (a spinner on a terminal)
 * and print {"hash","block"}; `--async` returns as soon as the mempool accepts.
 */
import { hexToBytes, ThetaError } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { Command } from "commander";
import { parseAmount } from "../amount.ts";
import type { CliContext } from "../context.ts";
import { parseHolderSummary } from "./holderSummary.ts";
import { parseAddressArg } from "./key.ts";
import {
  type Common,
  type ContractOptions,
  sendTx,
  uint,
  withCommon,
  withContractOptions,
} from "./txBroadcast.ts";
import {
  buildDeposit,
  buildDistribution,
  buildRelease,
  buildReserve,
  buildSend,
  buildSmartContract,
  buildSplitRule,
  buildWithdraw,
  TxBuildErrorCode,
} from "./txBuild.ts";

export function registerTxCommands(program: Command, ctx: () => CliContext): void {
  const tx = program.command("tx").description("Sign transactions locally and broadcast them");

  withCommon(tx.command("send").description("Send THETA and/or TFuel"))
    .requiredOption("--from <address>", "sender")
    .requiredOption("--to <address>", "recipient")
    .option("--theta <amount>", "THETA to send", "0")
    .option("--tfuel <amount>", "TFuel to send", "0")
    .option("--fee <amount>", "fee in TFuel", "300000000000000000wei")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx send --chain=privatenet --from=2E833968E5bB786Ae419c4d13189fB081Cc43bab --to=9F1233798E905E173560071255140b4A8aBd3Ec6 --theta=10 --tfuel=20 --seq=1",
    )
    .action(async (o: Common & { from: string; to: string; theta: string; tfuel: string; fee: string }) => {
      if (o.from === o.to)
        throw new ThetaError(
          TxBuildErrorCode.Invalid,
          "--from and --to: the sender and the recipient cannot be identical",
        );
      const from = parseAddressArg(o.from);
      const t = buildSend({
        from,
        to: parseAddressArg(o.to),
        theta: parseAmount(o.theta, "--theta"),
        tfuel: parseAmount(o.tfuel, "--tfuel"),
        fee: parseAmount(o.fee, "--fee"),
        seq: uint(o.seq, "--seq"),
      });
      await sendTx(ctx(), o, from, t, true);
    });

  withCommon(tx.command("reserve").description("Reserve a fund for off-chain micropayments"))
    .requiredOption("--from <address>", "the payer")
    .option("--fund <amount>", "TFuel to reserve", "0")
    .option("--collateral <amount>", "TFuel collateral (must exceed the fund)", "0")
    .option("--duration <blocks>", "blocks the fund stays reserved", "1000")
    .option("--resource_ids <ids>", "comma-separated resource ids (optional, as in the reference)", "")
    .option("--fee <amount>", "fee in TFuel", "300000000000000000wei")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx reserve --chain=privatenet --from=2E833968E5bB786Ae419c4d13189fB081Cc43bab --fund=100 --collateral=101 --duration=1002 --resource_ids=rid1000001 --seq=4",
    )
    .action(
      async (
        o: Common & {
          from: string;
          fund: string;
          collateral: string;
          duration: string;
          resource_ids: string;
          fee: string;
        },
      ) => {
        const from = parseAddressArg(o.from);
        const t = buildReserve({
          from,
          fund: parseAmount(o.fund, "--fund"),
          collateral: parseAmount(o.collateral, "--collateral"),
          duration: uint(o.duration, "--duration"),
          resourceIds: o.resource_ids.split(",").filter((s) => s !== ""),
          fee: parseAmount(o.fee, "--fee"),
          seq: uint(o.seq, "--seq"),
        });
        await sendTx(ctx(), o, from, t, false);
      },
    );

  withCommon(tx.command("release").description("Release a reserved fund"))
    .requiredOption("--from <address>", "the fund's owner")
    .option("--reserve_seq <n>", "the reserve sequence of the fund", "1000")
    .option("--fee <amount>", "fee in TFuel", "300000000000000000wei")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx release --chain=privatenet --from=2E833968E5bB786Ae419c4d13189fB081Cc43bab --reserve_seq=4 --seq=5",
    )
    .action(async (o: Common & { from: string; reserve_seq: string; fee: string }) => {
      const from = parseAddressArg(o.from);
      const t = buildRelease({
        from,
        reserveSeq: uint(o.reserve_seq, "--reserve_seq"),
        fee: parseAmount(o.fee, "--fee"),
        seq: uint(o.seq, "--seq"),
      });
      await sendTx(ctx(), o, from, t, false);
    });

  withCommon(tx.command("split_rule").description("Register or update the split rule of a resource"))
    .requiredOption("--from <address>", "the initiator")
    .requiredOption("--resource_id <id>", "resource id")
    .requiredOption("--addresses <list>", "comma-separated addresses")
    .requiredOption("--percentages <list>", "comma-separated percentages (0-100)")
    .option("--duration <blocks>", "blocks the rule stays valid", "1000")
    .option("--fee <amount>", "fee in TFuel", "300000000000000000wei")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx split_rule --chain=privatenet --from=2E83…3bab --resource_id=vid001 --addresses=511f…C3F4 --percentages=30 --seq=5",
    )
    .action(
      async (
        o: Common & {
          from: string;
          resource_id: string;
          addresses: string;
          percentages: string;
          duration: string;
          fee: string;
        },
      ) => {
        const from = parseAddressArg(o.from);
        const t = buildSplitRule({
          from,
          resourceId: o.resource_id,
          addresses: o.addresses.split(",").map(parseAddressArg),
          percentages: o.percentages.split(",").map((p) => uint(p, "--percentages")),
          duration: uint(o.duration, "--duration"),
          fee: parseAmount(o.fee, "--fee"),
          seq: uint(o.seq, "--seq"),
        });
        await sendTx(ctx(), o, from, t, false);
      },
    );

  withContractOptions(
    withCommon(tx.command("smart_contract").description("Deploy (no --to) or call a smart contract")),
    {
      value: ["--value <amount>", "TFuel to send with the call"],
      data: "call data or deployment bytecode, hex without 0x",
    },
  )
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx smart_contract --chain=privatenet --from=2E83…3bab --gas_price=1000000000wei --gas_limit=2000000 --data=6080… --seq=2",
    )
    .action(async (o: Common & ContractOptions) => {
      const from = parseAddressArg(o.from);
      const t = buildSmartContract({
        from,
        to: o.to ? parseAddressArg(o.to) : undefined,
        value: parseAmount(o.value, "--value"),
        gasPrice: parseAmount(o.gas_price, "--gas_price"),
        gasLimit: uint(o.gas_limit, "--gas_limit"),
        data: hexToBytes(o.data, "--data"),
        seq: uint(o.seq, "--seq"),
      });
      await sendTx(ctx(), o, from, t, true);
    });

  withCommon(
    tx
      .command("deposit")
      .description("Deposit stake for a validator (0), guardian (1) or elite edge node (2)"),
  )
    .requiredOption("--source <address>", "the staker")
    .requiredOption(
      "--holder <address|summary>",
      "validator address, or the guardian (458 hex digits) or elite edge node (522 hex digits) summary",
    )
    .option("--stake <amount>", "stake (THETA; TFuel for purpose 2)", "5000000")
    .option("--purpose <n>", "0 validator, 1 guardian, 2 elite edge node", "0")
    .option("--fee <amount>", "fee in TFuel", "300000000000000000wei")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx deposit --chain=privatenet --source=2E83…3bab --holder=511f…C3F4 --stake=200000 --purpose=0 --seq=7",
    )
    .action(
      async (o: Common & { source: string; holder: string; stake: string; purpose: string; fee: string }) => {
        const source = parseAddressArg(o.source);
        const purpose = Number(uint(o.purpose, "--purpose"));
        const summary = parseHolderSummary(o.holder, purpose, defaultCrypto.keccak256);
        const t = buildDeposit({
          source,
          ...summary,
          stake: parseAmount(o.stake, "--stake"),
          purpose,
          fee: parseAmount(o.fee, "--fee"),
          seq: uint(o.seq, "--seq"),
        });
        await sendTx(ctx(), o, source, t, false);
      },
    );

  withCommon(tx.command("withdraw").description("Withdraw stake"))
    .requiredOption("--source <address>", "the staker")
    .requiredOption("--holder <address>", "the holder the stake was deposited to")
    .option("--purpose <n>", "0 validator, 1 guardian, 2 elite edge node", "0")
    .option("--fee <amount>", "fee in TFuel", "300000000000000000wei")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx withdraw --chain=privatenet --source=2E83…3bab --holder=511f…C3F4 --purpose=0 --seq=8",
    )
    .action(async (o: Common & { source: string; holder: string; purpose: string; fee: string }) => {
      const source = parseAddressArg(o.source);
      const t = buildWithdraw({
        source,
        holder: parseAddressArg(o.holder),
        purpose: Number(uint(o.purpose, "--purpose")),
        fee: parseAmount(o.fee, "--fee"),
        seq: uint(o.seq, "--seq"),
      });
      await sendTx(ctx(), o, source, t, false);
    });

  withCommon(tx.command("distribute_staking_reward").description("Share staking rewards with a beneficiary"))
    .requiredOption("--holder <address>", "the stake holder")
    .requiredOption("--beneficiary <address>", "who receives the share")
    .option("--split_basis_point <n>", "share in 1/10000", "0")
    .option("--fee <amount>", "fee in TFuel", "1000000000000wei")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli tx distribute_staking_reward --chain=privatenet --holder=2E83…3bab --beneficiary=511f…C3F4 --split_basis_point=500 --seq=9",
    )
    .action(
      async (o: Common & { holder: string; beneficiary: string; split_basis_point: string; fee: string }) => {
        const holder = parseAddressArg(o.holder);
        const t = buildDistribution({
          holder,
          beneficiary: parseAddressArg(o.beneficiary),
          splitBasisPoint: uint(o.split_basis_point, "--split_basis_point"),
          fee: parseAmount(o.fee, "--fee"),
          seq: uint(o.seq, "--seq"),
        });
        await sendTx(ctx(), o, holder, t, false);
      },
    );
}
