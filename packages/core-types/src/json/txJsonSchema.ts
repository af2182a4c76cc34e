/**
 * Parsing the RPC JSON form of every transaction (docs/ledger.md §3.8) back into a `Tx`: one zod
 * schema per type, keyed by the numeric `type` the RPC prints beside `transaction`.
 *
 * One form cannot be recovered: the reference prints DepositStakeTxV2's BLS public key and
 * proof of possession as `{}` (no exported fields), so only `null` (absent) is accepted there;
 * use the raw transaction bytes for such transactions.
 */
import * as z from "zod/mini";
import { ThetaError } from "../errors.ts";
import { type Tx, TxType } from "../tx/types.ts";
import { JsonErrorCode } from "./errors.ts";
import { CoinsJsonSchema, TxInputJsonSchema, TxOutputJsonSchema } from "./ledgerJson.ts";
import {
  addressHex,
  base64Bytes,
  decimalString,
  hexBytes,
  mapped,
  smallNumber,
  uint64String,
} from "./primitives.ts";
import { zodMessages } from "./zodMessages.ts";

const purpose = z.number().check(z.int(), z.minimum(0), z.maximum(255));
const goUint = mapped(smallNumber, (n) => BigInt(n));
const empty = new Uint8Array(0);
const absentBls = z.null({ error: "the RPC prints BLS points as {}; only null (absent) can be parsed back" });

const staking = { fee: CoinsJsonSchema, source: TxInputJsonSchema, holder: TxOutputJsonSchema, purpose };

/** Zod schemas of each transaction's JSON body, by type tag; each yields the `Tx` value. */
export const TxJsonSchemas = {
  [TxType.Coinbase]: mapped(
    z.object({
      proposer: TxInputJsonSchema,
      outputs: z.array(TxOutputJsonSchema),
      block_height: uint64String,
    }),
    (t): Tx => ({
      type: TxType.Coinbase,
      proposer: t.proposer,
      outputs: t.outputs,
      blockHeight: t.block_height,
    }),
  ),
  [TxType.Slash]: mapped(
    z.object({
      proposer: TxInputJsonSchema,
      slashed_address: addressHex,
      reserve_sequence: uint64String,
      slash_proof: base64Bytes,
    }),
    (t): Tx => ({
      type: TxType.Slash,
      proposer: t.proposer,
      slashedAddress: t.slashed_address,
      reserveSequence: t.reserve_sequence,
      slashProof: t.slash_proof,
    }),
  ),
  [TxType.Send]: mapped(
    z.object({
      fee: CoinsJsonSchema,
      inputs: z.array(TxInputJsonSchema),
      outputs: z.array(TxOutputJsonSchema),
    }),
    (t): Tx => ({ type: TxType.Send, fee: t.fee, inputs: t.inputs, outputs: t.outputs }),
  ),
  [TxType.ReserveFund]: mapped(
    z.object({
      fee: CoinsJsonSchema,
      source: TxInputJsonSchema,
      collateral: CoinsJsonSchema,
      resource_ids: z.array(z.string()),
      duration: uint64String,
    }),
    (t): Tx => ({
      type: TxType.ReserveFund,
      fee: t.fee,
      source: t.source,
      collateral: t.collateral,
      resourceIds: t.resource_ids,
      duration: t.duration,
    }),
  ),
  [TxType.ReleaseFund]: mapped(
    z.object({ fee: CoinsJsonSchema, source: TxInputJsonSchema, reserve_sequence: uint64String }),
    (t): Tx => ({
      type: TxType.ReleaseFund,
      fee: t.fee,
      source: t.source,
      reserveSequence: t.reserve_sequence,
    }),
  ),
  [TxType.ServicePayment]: mapped(
    z.object({
      fee: CoinsJsonSchema,
      source: TxInputJsonSchema,
      target: TxInputJsonSchema,
      payment_sequence: uint64String,
      reserve_sequence: uint64String,
      resource_id: z.string(),
    }),
    (t): Tx => ({
      type: TxType.ServicePayment,
      fee: t.fee,
      source: t.source,
      target: t.target,
      paymentSequence: t.payment_sequence,
      reserveSequence: t.reserve_sequence,
      resourceId: t.resource_id,
    }),
  ),
  [TxType.SplitRule]: mapped(
    z.object({
      fee: CoinsJsonSchema,
      resource_id: z.string(),
      initiator: TxInputJsonSchema,
      splits: z.array(z.object({ Address: addressHex, Percentage: goUint })),
      duration: uint64String,
    }),
    (t): Tx => ({
      type: TxType.SplitRule,
      fee: t.fee,
      resourceId: t.resource_id,
      initiator: t.initiator,
      splits: t.splits.map((s) => ({ address: s.Address, percentage: s.Percentage })),
      duration: t.duration,
    }),
  ),
  [TxType.SmartContract]: mapped(
    z.object({
      from: TxInputJsonSchema,
      to: TxOutputJsonSchema,
      gas_limit: uint64String,
      gas_price: decimalString,
      data: base64Bytes,
    }),
    (t): Tx => ({
      type: TxType.SmartContract,
      from: t.from,
      to: t.to,
      gasLimit: t.gas_limit,
      gasPrice: t.gas_price,
      data: t.data,
    }),
  ),
  [TxType.DepositStake]: mapped(z.object(staking), (t): Tx => ({ type: TxType.DepositStake, ...t })),
  [TxType.WithdrawStake]: mapped(z.object(staking), (t): Tx => ({ type: TxType.WithdrawStake, ...t })),
  [TxType.DepositStakeV2]: mapped(
    z.object({ ...staking, BlsPubkey: absentBls, BlsPop: absentBls, HolderSig: z.nullable(hexBytes) }),
    (t): Tx => ({
      type: TxType.DepositStakeV2,
      fee: t.fee,
      source: t.source,
      holder: t.holder,
      purpose: t.purpose,
      blsPubkey: empty,
      blsPop: empty,
      holderSig: t.HolderSig ?? empty,
    }),
  ),
  [TxType.StakeRewardDistribution]: mapped(
    z.object({
      fee: CoinsJsonSchema,
      holder: TxInputJsonSchema,
      beneficiary: TxOutputJsonSchema,
      split_basis_point: goUint,
    }),
    (t): Tx => ({
      type: TxType.StakeRewardDistribution,
      fee: t.fee,
      holder: t.holder,
      beneficiary: t.beneficiary,
      splitBasisPoint: t.split_basis_point,
    }),
  ),
} as const;

/**
 * Parses one transaction's RPC JSON (the `transaction` member of `theta.GetTransaction`, with
 * its `type` number). Throws ThetaError `JSON_INVALID` naming the failing field path.
 */
export function txFromJson(type: number, json: unknown): Tx {
  const schema = (TxJsonSchemas as Record<number, (typeof TxJsonSchemas)[TxType]>)[type];
  if (schema === undefined) {
    throw new ThetaError(JsonErrorCode.Invalid, `type: expected a transaction type 0..11, got ${type}`, {
      details: { field: "type" },
    });
  }
  const r = schema.safeParse(json, zodMessages);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.length === 0 ? "transaction" : `transaction.${issue.path.join(".")}`;
    throw new ThetaError(JsonErrorCode.Invalid, `${field}: ${issue.message}`, { details: { field } });
  }
  return r.data;
}
