/**
 * What every `thetacli tx` command shares: the common flags (chain, sequence, wallet, async,
 * password), unsigned-integer flag parsing, and signing plus broadcasting with a spinner while
 * the node waits for the block.
 */
import { type Address, bytesToHex, encodeTx, ThetaError, type Tx } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { formatSorted } from "../jsonOutput.ts";
import { unlock } from "./key.ts";
import { TxBuildErrorCode } from "./txBuild.ts";

export interface Common {
  chain: string;
  seq: string;
  wallet: string;
  async: boolean;
  password?: string;
  path?: string;
}

/** The `--wallet` values the reference knows; only `soft` (the encrypted key files) is supported here. */
export const HARDWARE_WALLETS = ["nano", "trezor"] as const;

export const uint = (text: string, flag: string): bigint => {
  if (!/^\d+$/.test(text))
    throw new ThetaError(TxBuildErrorCode.Invalid, `${flag}: expected a non-negative integer, got '${text}'`);
  return BigInt(text);
};

export function withCommon(cmd: Command): Command {
  return withWallet(
    cmd
      .requiredOption("--chain <id>", "chain id (signed into the transaction)")
      .requiredOption("--seq <n>", "sequence: the account's current sequence + 1"),
  )
    .option("--async", "return once the node accepts the transaction", false)
    .option("--password <password>", "the key's password (otherwise asked)");
}

/** The `--wallet` and `--path` flags alone (for signing commands outside `tx`). */
export function withWallet(cmd: Command): Command {
  return cmd
    .option(
      "--wallet <kind>",
      "wallet type: soft (hardware wallets, nano and trezor, are not supported)",
      "soft",
    )
    .option(
      "--path <path>",
      "wallet derivation path, e.g. m/44'/500'/0'/0/0 (used by hardware wallets only; ignored with --wallet=soft)",
    )
    .hook("preAction", (_cmd, action) => checkWallet(action.opts<Pick<Common, "wallet">>()));
}

/**
 * Refuses any `--wallet` but `soft`. The reference reads `--path` only for its Ledger Nano and
 * Trezor wallets; its soft wallet signs with the key file of the sender, so `--path` is accepted
 * and ignored there, as here.
 */
export function checkWallet(common: Pick<Common, "wallet">): void {
  if (common.wallet === "soft") return;
  const hardware = (HARDWARE_WALLETS as readonly string[]).includes(common.wallet);
  throw new ThetaError(
    TxBuildErrorCode.Invalid,
    hardware
      ? `--wallet=${common.wallet}: hardware wallets (nano, trezor) are not supported by this thetacli; use --wallet=soft (the encrypted key files under --config)`
      : `--wallet=${common.wallet}: unknown wallet type; only soft is supported (hardware wallets, nano and trezor, are not)`,
  );
}

/** The options of a contract deployment or call (`tx smart_contract`, `call smart_contract`). */
export interface ContractOptions {
  from: string;
  to?: string;
  value: string;
  gas_price: string;
  gas_limit: string;
  data: string;
}

/** Adds the `ContractOptions` flags; `value` and `data` are the help texts those two differ in. */
export function withContractOptions(
  cmd: Command,
  help: { readonly value: readonly [flags: string, text: string]; readonly data: string },
): Command {
  return cmd
    .requiredOption("--from <address>", "the caller")
    .option("--to <address>", "the contract (empty: deploy)")
    .option(help.value[0], help.value[1], "0")
    .option("--gas_price <amount>", "gas price in TFuel", "4000000000000wei")
    .requiredOption("--gas_limit <n>", "gas limit")
    .option("--data <hex>", help.data, "");
}

/** Unlocks `signer`, signs `tx`, broadcasts it, prints the outcome. */
export async function sendTx(
  ctx: CliContext,
  common: Common,
  signer: Address,
  tx: Tx,
  waitAndShow: boolean,
): Promise<void> {
  checkWallet(common);
  const password = common.password ?? (await ctx.ask("Please enter password: "));
  const key = await unlock(ctx, signer, password);
  const signed = defaultCrypto.signTx(common.chain, tx, key);
  const method = common.async ? "theta.BroadcastRawTransactionAsync" : "theta.BroadcastRawTransaction";
  const stop = waitAndShow && !common.async ? spinner() : () => {};
  try {
    const result = await ctx.rpc().call(method, { tx_bytes: bytesToHex(encodeTx(signed)) });
    stop();
    if (waitAndShow) {
      ctx.out("Successfully broadcasted transaction:");
      ctx.out(formatSorted(result));
    } else {
      ctx.out("Successfully broadcasted transaction.");
    }
  } catch (e) {
    stop();
    throw new ThetaError(
      (e as ThetaError).code ?? "CLI_BROADCAST",
      `Server returned error: ${(e as Error).message}`,
    );
  }
}

function spinner(): () => void {
  if (!process.stderr.isTTY) return () => {};
  const frames = "|/-\\";
  let i = 0;
  const t = setInterval(() => process.stderr.write(`\r${frames[i++ % 4]} waiting for the block…`), 120);
  return () => {
    clearInterval(t);
    process.stderr.write("\r\x1b[K");
  };
}
