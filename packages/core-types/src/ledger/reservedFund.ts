/**
 * ReservedFund (a micropayment pool inside an account) and TransferRecord (docs/ledger.md §2.4), plus
 * SlashIntent and OverspendingProof (docs/ledger.md §2.5).
 */

import * as rlp from "../rlp/index.ts";
import { txBodyFromItem, txBodyToItem } from "../tx/codec.ts";
import { type ServicePaymentTx, TxType } from "../tx/types.ts";
import { type Coins, coinsFromItem, coinsToItem } from "./coins.ts";
import { ADDRESS_LENGTH, type Address } from "./primitives.ts";

/** A micropayment pool locked by a ReserveFundTx (docs/ledger.md §6). */
export interface ReservedFund {
  readonly collateral: Coins;
  readonly initialFund: Coins;
  readonly usedFund: Coins;
  readonly resourceIds: readonly string[];
  readonly endBlockHeight: bigint;
  readonly reserveSequence: bigint;
  /** Settled payments: one-element lists wrapping the full ServicePaymentTx body. */
  readonly transferRecords: readonly ServicePaymentTx[];
}

function paymentFromItem(item: rlp.RlpItem, field: string): ServicePaymentTx {
  return txBodyFromItem(TxType.ServicePayment, item, field) as ServicePaymentTx;
}

/** The RLP item of a reserved fund. */
export function reservedFundToItem(f: ReservedFund): rlp.RlpItem {
  return [
    coinsToItem(f.collateral),
    coinsToItem(f.initialFund),
    coinsToItem(f.usedFund),
    f.resourceIds.map(rlp.encodeString),
    rlp.encodeUint(f.endBlockHeight),
    rlp.encodeUint(f.reserveSequence),
    f.transferRecords.map((p) => [txBodyToItem(p)]),
  ];
}

/** Decodes a reserved fund's RLP item strictly. */
export function reservedFundFromItem(item: rlp.RlpItem, field: string): ReservedFund {
  const [c, i, u, ids, end, seq, recs] = rlp.decodeList(item, field, 7);
  return {
    collateral: coinsFromItem(c!, `${field}.collateral`),
    initialFund: coinsFromItem(i!, `${field}.initial_fund`),
    usedFund: coinsFromItem(u!, `${field}.used_fund`),
    resourceIds: rlp
      .decodeList(ids!, `${field}.resource_ids`)
      .map((x, k) => rlp.decodeString(x, `${field}.resource_ids[${k}]`)),
    endBlockHeight: rlp.decodeUint(end!, `${field}.end_block_height`, 64),
    reserveSequence: rlp.decodeUint(seq!, `${field}.reserve_sequence`, 64),
    transferRecords: rlp.decodeList(recs!, `${field}.transfer_records`).map((r, k) => {
      const [p] = rlp.decodeList(r, `${field}.transfer_records[${k}]`, 1);
      return paymentFromItem(p!, `${field}.transfer_records[${k}].service_payment`);
    }),
  };
}

/** In-memory only: an overspend the next proposer may turn into a SlashTx. */
export interface SlashIntent {
  readonly address: Address;
  readonly reserveSequence: bigint;
  readonly proof: Uint8Array;
}

/** The RLP item of a slash intent. */
export function slashIntentToItem(s: SlashIntent): rlp.RlpItem {
  return [s.address, rlp.encodeUint(s.reserveSequence), s.proof];
}

/** Decodes a slash intent's RLP item strictly. */
export function slashIntentFromItem(item: rlp.RlpItem, field = "slash_intent"): SlashIntent {
  const [a, r, p] = rlp.decodeList(item, field, 3);
  return {
    address: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, `${field}.address`),
    reserveSequence: rlp.decodeUint(r!, `${field}.reserve_sequence`, 64),
    proof: rlp.decodeBytes(p!, `${field}.proof`),
  };
}

/** All settled payments of a pool plus the offending one; SlashTx carries RLP of this. */
export interface OverspendingProof {
  readonly reserveSequence: bigint;
  readonly servicePayments: readonly ServicePaymentTx[];
}

/** The RLP encoding of an overspending proof (what a SlashTx carries). */
export function encodeOverspendingProof(p: OverspendingProof): Uint8Array {
  return rlp.rlpEncode([rlp.encodeUint(p.reserveSequence), p.servicePayments.map(txBodyToItem)]);
}

/** Decodes an overspending proof strictly. */
export function decodeOverspendingProof(bytes: Uint8Array): OverspendingProof {
  const [r, ps] = rlp.decodeList(rlp.rlpDecode(bytes), "overspending_proof", 2);
  return {
    reserveSequence: rlp.decodeUint(r!, "overspending_proof.reserve_sequence", 64),
    servicePayments: rlp
      .decodeList(ps!, "overspending_proof.service_payments")
      .map((x, k) => paymentFromItem(x, `overspending_proof.service_payments[${k}]`)),
  };
}
