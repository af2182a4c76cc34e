/**
 * Parsing `theta.GetAccount`'s JSON back into an `Account`. The RPC form has no address member,
 * so the caller supplies it (it is the address the account was queried for).
 */
import * as z from "zod/mini";
import { ThetaError } from "../errors.ts";
import type { Account } from "../ledger/account.ts";
import type { Address } from "../ledger/primitives.ts";
import type { ReservedFund } from "../ledger/reservedFund.ts";
import { type ServicePaymentTx, TxType } from "../tx/types.ts";
import { JsonErrorCode } from "./errors.ts";
import { CoinsJsonSchema } from "./ledgerJson.ts";
import { hashHex, mapped, uint64String } from "./primitives.ts";
import { TxJsonSchemas } from "./txJsonSchema.ts";
import { zodMessages } from "./zodMessages.ts";

/** One micropayment pool of an account (docs/ledger.md §2.4) in its RPC form. */
export const ReservedFundJsonSchema = mapped(
  z.object({
    collateral: CoinsJsonSchema,
    initial_fund: CoinsJsonSchema,
    used_fund: CoinsJsonSchema,
    resource_ids: z.nullable(z.array(z.string())),
    end_block_height: uint64String,
    reserve_sequence: uint64String,
    transfer_records: z.nullable(
      z.array(z.object({ service_payment: TxJsonSchemas[TxType.ServicePayment] })),
    ),
  }),
  (f): ReservedFund => ({
    collateral: f.collateral,
    initialFund: f.initial_fund,
    usedFund: f.used_fund,
    resourceIds: f.resource_ids ?? [],
    endBlockHeight: f.end_block_height,
    reserveSequence: f.reserve_sequence,
    transferRecords: (f.transfer_records ?? []).map((r) => r.service_payment as ServicePaymentTx),
  }),
);

/** `theta.GetAccount`'s result; yields every Account field except the address. */
export const AccountJsonSchema = mapped(
  z.object({
    sequence: uint64String,
    coins: CoinsJsonSchema,
    reserved_funds: z.nullable(z.array(ReservedFundJsonSchema)),
    last_updated_block_height: uint64String,
    root: hashHex,
    code: hashHex,
  }),
  (a): Omit<Account, "address"> => ({
    sequence: a.sequence,
    balance: a.coins,
    reservedFunds: a.reserved_funds ?? [],
    lastUpdatedBlockHeight: a.last_updated_block_height,
    root: a.root,
    codeHash: a.code,
  }),
);

/** Parses `theta.GetAccount` JSON for `address`; throws ThetaError `JSON_INVALID` naming the field. */
export function accountFromJson(address: Address, json: unknown): Account {
  const r = AccountJsonSchema.safeParse(json, zodMessages);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.length === 0 ? "account" : `account.${issue.path.join(".")}`;
    throw new ThetaError(JsonErrorCode.Invalid, `${field}: ${issue.message}`, { details: { field } });
  }
  return { address, ...r.data };
}
