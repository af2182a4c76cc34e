/** `thetacli call smart_contract`: a dry run through theta.CallSmartContract (nothing is signed or written). */
import { bytesToHex, encodeTx, hexToBytes, ThetaError } from "@theta/core-types";
import type { Command } from "commander";
import { parseAmount } from "../amount.ts";
import type { CliContext } from "../context.ts";
import { formatSorted } from "../jsonOutput.ts";
import { parseAddressArg } from "./key.ts";
import { type ContractOptions, withContractOptions } from "./txBroadcast.ts";
import { buildSmartContract, TxBuildErrorCode } from "./txBuild.ts";

export function registerCallCommands(program: Command, ctx: () => CliContext): void {
  const call = program
    .command("call")
    .description("Dry-run transactions on the node without broadcasting them");
  const smartContract = call
    .command("smart_contract")
    .description(
      "Dry-run a contract deployment (no --to) or call; prints vm_return, gas_used, contract_address, vm_error",
    );
  withContractOptions(smartContract, {
    value: ["--value <wei>", "TFuel to send, in wei"],
    data: "call data or bytecode, hex without 0x",
  })
    .option("--seq <n>", "sequence (not used by the node)", "0")
    .option("--chain <id>", "chain id (not used by the node)", "")
    .option("--verbose", "print the encoded transaction first", false)
    .addHelpText(
      "after",
      "\nExample:\n  thetacli call smart_contract --from=2E83…3bab --to=0x5C3159dDD2fe0F9862bC7b7D60C1875fa8F81337 --gas_limit=50000 --data=b5a0241a",
    )
    .action(async (o: ContractOptions & { seq: string; verbose: boolean }) => {
      const c = ctx();
      if (!/^\d+$/.test(o.value))
        throw new ThetaError(
          TxBuildErrorCode.Invalid,
          `--value: expected an amount in wei (a non-negative integer), got '${o.value}'`,
        );
      if (!/^\d+$/.test(o.gas_limit))
        throw new ThetaError(
          TxBuildErrorCode.Invalid,
          `--gas_limit: expected a non-negative integer, got '${o.gas_limit}'`,
        );
      const tx = buildSmartContract({
        from: parseAddressArg(o.from),
        to: o.to ? parseAddressArg(o.to) : undefined,
        value: BigInt(o.value),
        gasPrice: parseAmount(o.gas_price, "--gas_price"),
        gasLimit: BigInt(o.gas_limit),
        data: hexToBytes(o.data, "--data"),
        seq: /^\d+$/.test(o.seq) ? BigInt(o.seq) : 0n,
      });
      const hex = bytesToHex(encodeTx(tx));
      if (o.verbose) {
        c.out(`Encoded Tx: ${hex}`);
        c.out("");
      }
      try {
        c.out(formatSorted(await c.rpc().call("theta.CallSmartContract", { sctx_bytes: hex })));
      } catch (e) {
        throw new ThetaError(
          (e as ThetaError).code ?? "CLI_CALL",
          `Failed to call smart contract: ${(e as Error).message}`,
        );
      }
    });
}
