/**
 * `thetacli micropayment pay | verify | settle`: the off-chain side of a reserved fund, which the
 * reference leaves to SDKs, on top of @theta/micropayment.
 */
import {
  type Address,
  bytesToHex,
  encodeTx,
  equalBytes,
  hexToBytes,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
  ThetaError,
  txToJson,
  ZERO_COINS,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import {
  createMemoryPaymentStore,
  createRelay,
  decodePayment,
  type PoolInfo,
  unsignedPayment,
} from "@theta/micropayment";
import type { Command } from "commander";
import { parseAmount } from "../amount.ts";
import type { CliContext } from "../context.ts";
import { formatSorted, type JsonNode } from "../jsonOutput.ts";
import { parseAddressArg, unlock } from "./key.ts";
import { withWallet } from "./txBroadcast.ts";

export const MicropaymentCmdErrorCode = {
  Rejected: "CLI_PAYMENT_REJECTED",
  NoPool: "CLI_NO_SUCH_POOL",
} as const;

const verifier = { verify: (m: Uint8Array, s: Uint8Array, a: Address) => defaultCrypto.verify(m, s, a) };

function get(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.t === "obj" ? node.v.find(([k]) => k === key)?.[1] : undefined;
}
const str = (n: JsonNode | undefined): string => (n?.t === "str" ? n.v : n?.t === "num" ? n.raw : "");
const big = (n: JsonNode | undefined): bigint => BigInt(str(n) || "0");

/** The pool as the node shows it (theta.GetAccount's reserved_funds). */
async function readPool(
  ctx: CliContext,
  source: Address,
  reserveSequence: bigint,
): Promise<{ pool: PoolInfo; height: bigint }> {
  const account = await ctx.rpc().call("theta.GetAccount", { address: bytesToHex(source) });
  const status = await ctx.rpc().call("theta.GetStatus", {});
  const funds = get(account, "reserved_funds");
  const fund =
    funds?.t === "arr" ? funds.v.find((f) => big(get(f, "reserve_sequence")) === reserveSequence) : undefined;
  if (!fund) {
    throw new ThetaError(
      MicropaymentCmdErrorCode.NoPool,
      `reserve_sequence: ${defaultCrypto.toChecksumAddress(source)} has no reserved fund ${reserveSequence}`,
    );
  }
  const records = get(fund, "transfer_records");
  const transferRecords: ServicePaymentTx[] =
    records?.t === "arr"
      ? records.v.map((r) => {
          const p = get(r, "service_payment");
          const target = hexToBytes(str(get(get(p, "target"), "address")));
          return unsignedPayment(
            source,
            target,
            big(get(get(get(p, "source"), "coins"), "tfuelwei")),
            big(get(p, "payment_sequence")),
            reserveSequence,
            str(get(p, "resource_id")),
          );
        })
      : [];
  const ids = get(fund, "resource_ids");
  return {
    pool: {
      source,
      reserveSequence,
      resourceIds: ids?.t === "arr" ? ids.v.map(str) : [],
      initialFund: big(get(get(fund, "initial_fund"), "tfuelwei")),
      usedFund: big(get(get(fund, "used_fund"), "tfuelwei")),
      collateral: big(get(get(fund, "collateral"), "tfuelwei")),
      endBlockHeight: big(get(fund, "end_block_height")),
      transferRecords,
    },
    height: big(get(status, "latest_finalized_block_height")),
  };
}

function printPayment(ctx: CliContext, p: ServicePaymentTx): void {
  ctx.out(`payment: ${bytesToHex(encodeTx(p))}`);
  ctx.out(JSON.stringify(txToJson(p), null, 4));
}

export function registerMicropaymentCommands(program: Command, ctx: () => CliContext): void {
  const mp = program
    .command("micropayment")
    .description("Off-chain payments from a reserved fund (not in the reference)");

  withWallet(mp.command("pay"))
    .description(
      "As the payer: sign an off-chain payment (the amount is cumulative within a payment sequence)",
    )
    .requiredOption("--chain <id>", "chain id")
    .requiredOption("--from <address>", "the payer (owner of the reserved fund)")
    .requiredOption("--to <address>", "the relay being paid")
    .requiredOption("--reserve_seq <n>", "reserve sequence of the fund")
    .requiredOption("--resource_id <id>", "resource id covered by the fund")
    .requiredOption("--amount <amount>", "cumulative TFuel for this payment sequence")
    .option("--payment_seq <n>", "payment sequence (per relay; start at 1, next after a settlement)", "1")
    .option("--password <password>", "the payer key's password")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli micropayment pay --chain=privatenet --from=2E83…3bab --to=511f…C3F4 --reserve_seq=4 --resource_id=rid1000001 --amount=10",
    )
    .action(
      async (o: {
        chain: string;
        from: string;
        to: string;
        reserve_seq: string;
        resource_id: string;
        amount: string;
        payment_seq: string;
        password?: string;
      }) => {
        const c = ctx();
        const from = parseAddressArg(o.from);
        const key = await unlock(c, from, o.password ?? (await c.ask("Please enter password: ")));
        const tx = unsignedPayment(
          from,
          parseAddressArg(o.to),
          parseAmount(o.amount, "--amount"),
          BigInt(o.payment_seq),
          BigInt(o.reserve_seq),
          o.resource_id,
        );
        const signature = defaultCrypto.sign(servicePaymentSourceSignBytes(o.chain, tx), key);
        printPayment(c, { ...tx, source: { ...tx.source, signature } });
      },
    );

  mp.command("verify")
    .description(
      "As a relay: check a payment against the pool the node reports (signature, chain, pool, amount, expiry)",
    )
    .requiredOption("--chain <id>", "chain id")
    .requiredOption("--payment <hex>", "the payment bytes printed by `micropayment pay`")
    .requiredOption("--relay <address>", "your (the relay's) address")
    .option("--previous <hex>", "the last payment you accepted from this pool, to check the amount grows")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli micropayment verify --chain=privatenet --payment=05f8… --relay=511f…C3F4",
    )
    .action(async (o: { chain: string; payment: string; relay: string; previous?: string }) => {
      const c = ctx();
      const payment = decodePayment(hexToBytes(o.payment, "--payment"));
      const { pool, height } = await readPool(c, payment.source.address, payment.reserveSequence);
      const relayAddress = parseAddressArg(o.relay);
      const relay = createRelay({
        signer: { address: relayAddress, sign: () => new Uint8Array(0) },
        verifier,
        chainId: o.chain,
        store: createMemoryPaymentStore(),
      });
      if (o.previous) await relay.accept(hexToBytes(o.previous, "--previous"), pool, height);
      const verdict = await relay.accept(payment, pool, height);
      if (!verdict.ok)
        throw new ThetaError(
          MicropaymentCmdErrorCode.Rejected,
          `payment rejected (${verdict.code}): ${verdict.message}`,
        );
      c.out(
        `payment valid: ${payment.source.coins.tfuelWei} TFuelWei to ${defaultCrypto.toChecksumAddress(relayAddress)} (payment sequence ${payment.paymentSequence}); the pool holds ${pool.initialFund - pool.usedFund} TFuelWei until block ${pool.endBlockHeight}`,
      );
    });

  withWallet(mp.command("settle"))
    .description("As a relay: sign the payment as its target and broadcast it (you pay the fee)")
    .requiredOption("--chain <id>", "chain id")
    .requiredOption("--payment <hex>", "the payment bytes")
    .requiredOption("--from <address>", "your (the relay's) address, whose key signs")
    .option("--fee <amount>", "fee in TFuel", "300000000000000000wei")
    .option("--async", "return once the node accepts the transaction", false)
    .option("--password <password>", "the relay key's password")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli micropayment settle --chain=privatenet --payment=05f8… --from=511f…C3F4",
    )
    .action(
      async (o: {
        chain: string;
        payment: string;
        from: string;
        fee: string;
        async: boolean;
        password?: string;
      }) => {
        const c = ctx();
        const payment = decodePayment(hexToBytes(o.payment, "--payment"));
        const me = parseAddressArg(o.from);
        if (!equalBytes(payment.target.address, me)) {
          throw new ThetaError(
            MicropaymentCmdErrorCode.Rejected,
            "--from: the payment is for another address; only its target can settle it",
          );
        }
        const key = await unlock(c, me, o.password ?? (await c.ask("Please enter password: ")));
        const unsignedTarget = {
          ...payment,
          fee: { thetaWei: 0n, tfuelWei: parseAmount(o.fee, "--fee") },
          target: { address: me, coins: ZERO_COINS, sequence: 0n, signature: new Uint8Array(0) },
        };
        const signed = defaultCrypto.signTx(o.chain, unsignedTarget, key);
        const method = o.async ? "theta.BroadcastRawTransactionAsync" : "theta.BroadcastRawTransaction";
        try {
          const result = await c.rpc().call(method, { tx_bytes: bytesToHex(encodeTx(signed)) });
          c.out("Successfully broadcasted transaction:");
          c.out(formatSorted(result));
        } catch (e) {
          throw new ThetaError(
            (e as ThetaError).code ?? "CLI_BROADCAST",
            `Server returned error: ${(e as Error).message}`,
          );
        }
      },
    );
}
