/**
 * Transaction JSON as the RPC prints it (docs/ledger.md §3.8, docs/interfaces.md §1.5): snake_case members,
 * decimal-string numbers except the Go `uint`/`uint8` fields (purpose, split_basis_point,
 * Percentage) which are JSON numbers, base64 for `data` and `slash_proof`.
 */
import type { Tx } from "../tx/types.ts";
import { TxType } from "../tx/types.ts";
import {
  type CoinsJson,
  coinsToJson,
  type TxInputJson,
  txInputToJson,
  txOutputToJson,
} from "./ledgerJson.ts";
import { base64, dec, hex } from "./primitives.ts";

/** A ServicePaymentTx in the RPC's JSON form. */
export interface ServicePaymentTxJson {
  fee: CoinsJson;
  source: TxInputJson;
  target: TxInputJson;
  payment_sequence: string;
  reserve_sequence: string;
  resource_id: string;
}

/** Any transaction in the RPC's JSON form (its shape depends on the type). */
export type TxJson = Record<string, unknown>;

/** A ServicePaymentTx in the RPC's JSON form. */
export function servicePaymentToJson(
  tx: Extract<Tx, { type: typeof TxType.ServicePayment }>,
): ServicePaymentTxJson {
  return {
    fee: coinsToJson(tx.fee),
    source: txInputToJson(tx.source),
    target: txInputToJson(tx.target),
    payment_sequence: dec(tx.paymentSequence),
    reserve_sequence: dec(tx.reserveSequence),
    resource_id: tx.resourceId,
  };
}

/** The `transaction` / `raw` member of GetTransaction and GetBlock for one transaction. */
export function txToJson(tx: Tx): TxJson {
  switch (tx.type) {
    case TxType.Coinbase:
      return {
        proposer: txInputToJson(tx.proposer),
        outputs: tx.outputs.map(txOutputToJson),
        block_height: dec(tx.blockHeight),
      };
    case TxType.Slash:
      return {
        proposer: txInputToJson(tx.proposer),
        slashed_address: hex(tx.slashedAddress),
        reserve_sequence: dec(tx.reserveSequence),
        slash_proof: base64(tx.slashProof),
      };
    case TxType.Send:
      return {
        fee: coinsToJson(tx.fee),
        inputs: tx.inputs.map(txInputToJson),
        outputs: tx.outputs.map(txOutputToJson),
      };
    case TxType.ReserveFund:
      return {
        fee: coinsToJson(tx.fee),
        source: txInputToJson(tx.source),
        collateral: coinsToJson(tx.collateral),
        resource_ids: [...tx.resourceIds],
        duration: dec(tx.duration),
      };
    case TxType.ReleaseFund:
      return {
        fee: coinsToJson(tx.fee),
        source: txInputToJson(tx.source),
        reserve_sequence: dec(tx.reserveSequence),
      };
    case TxType.ServicePayment:
      return { ...servicePaymentToJson(tx) };
    case TxType.SplitRule:
      return {
        fee: coinsToJson(tx.fee),
        resource_id: tx.resourceId,
        initiator: txInputToJson(tx.initiator),
        splits: tx.splits.map((s) => ({ Address: hex(s.address), Percentage: Number(s.percentage) })),
        duration: dec(tx.duration),
      };
    case TxType.SmartContract:
      return {
        from: txInputToJson(tx.from),
        to: txOutputToJson(tx.to),
        gas_limit: dec(tx.gasLimit),
        gas_price: dec(tx.gasPrice),
        data: base64(tx.data),
      };
    case TxType.DepositStake:
    case TxType.WithdrawStake:
      return {
        fee: coinsToJson(tx.fee),
        source: txInputToJson(tx.source),
        holder: txOutputToJson(tx.holder),
        purpose: tx.purpose,
      };
    case TxType.DepositStakeV2:
      return {
        fee: coinsToJson(tx.fee),
        source: txInputToJson(tx.source),
        holder: txOutputToJson(tx.holder),
        purpose: tx.purpose,
        BlsPubkey: tx.blsPubkey.length === 0 ? null : {},
        BlsPop: tx.blsPop.length === 0 ? null : {},
        HolderSig: tx.holderSig.length === 0 ? null : hex(tx.holderSig),
      };
    case TxType.StakeRewardDistribution:
      return {
        fee: coinsToJson(tx.fee),
        holder: txInputToJson(tx.holder),
        beneficiary: txOutputToJson(tx.beneficiary),
        split_basis_point: Number(tx.splitBasisPoint),
      };
  }
}
