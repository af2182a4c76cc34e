/** JSON forms of coins, inputs/outputs, accounts, pools and stakes, as `theta.*` RPC methods print them. */
import * as z from "zod/mini";
import type { Account } from "../ledger/account.ts";
import type { Coins } from "../ledger/coins.ts";
import type { ReservedFund } from "../ledger/reservedFund.ts";
import type { SplitRule } from "../ledger/splitRule.ts";
import type { BlsStakeHolder, Stake, StakeHolder, ValidatorCandidatePool } from "../ledger/stake.ts";
import type { TxInput, TxOutput } from "../ledger/txio.ts";
import { addressHex, dec, decimalString, hex, hexBytes, mapped, sigHex, uint64String } from "./primitives.ts";
import { type ServicePaymentTxJson, servicePaymentToJson } from "./txJson.ts";

/** Coins in the RPC's JSON form: decimal strings. */
export interface CoinsJson {
  thetawei: string;
  tfuelwei: string;
}
/** Parses {@link CoinsJson} into `Coins`. */
export const CoinsJsonSchema = mapped(
  z.object({ thetawei: decimalString, tfuelwei: decimalString }),
  (c): Coins => ({ thetaWei: c.thetawei, tfuelWei: c.tfuelwei }),
);
/** Coins in the RPC's JSON form. */
export const coinsToJson = (c: Coins): CoinsJson => ({
  thetawei: dec(c.thetaWei),
  tfuelwei: dec(c.tfuelWei),
});

/** A tx input in the RPC's JSON form. */
export interface TxInputJson {
  address: string;
  coins: CoinsJson;
  sequence: string;
  signature: string | null;
}
/** Parses {@link TxInputJson} into a `TxInput`. */
export const TxInputJsonSchema = mapped(
  z.object({
    address: addressHex,
    coins: CoinsJsonSchema,
    sequence: uint64String,
    signature: z.nullable(hexBytes),
  }),
  (i): TxInput => ({
    address: i.address,
    coins: i.coins,
    sequence: i.sequence,
    signature: i.signature ?? new Uint8Array(0),
  }),
);
/** A tx input in the RPC's JSON form. */
export const txInputToJson = (i: TxInput): TxInputJson => ({
  address: hex(i.address),
  coins: coinsToJson(i.coins),
  sequence: dec(i.sequence),
  signature: sigHex(i.signature),
});

/** A tx output in the RPC's JSON form. */
export interface TxOutputJson {
  address: string;
  coins: CoinsJson;
}
/** Parses {@link TxOutputJson} into a `TxOutput`. */
export const TxOutputJsonSchema = mapped(
  z.object({ address: addressHex, coins: CoinsJsonSchema }),
  (o): TxOutput => ({ address: o.address, coins: o.coins }),
);
/** A tx output in the RPC's JSON form. */
export const txOutputToJson = (o: TxOutput): TxOutputJson => ({
  address: hex(o.address),
  coins: coinsToJson(o.coins),
});

/** A reserved fund (micropayment pool) in the RPC's JSON form. */
export interface ReservedFundJson {
  collateral: CoinsJson;
  initial_fund: CoinsJson;
  used_fund: CoinsJson;
  resource_ids: string[];
  end_block_height: string;
  reserve_sequence: string;
  transfer_records: Array<{ service_payment: ServicePaymentTxJson }>;
}
/** A reserved fund in the RPC's JSON form. */
export const reservedFundToJson = (f: ReservedFund): ReservedFundJson => ({
  collateral: coinsToJson(f.collateral),
  initial_fund: coinsToJson(f.initialFund),
  used_fund: coinsToJson(f.usedFund),
  resource_ids: [...f.resourceIds],
  end_block_height: dec(f.endBlockHeight),
  reserve_sequence: dec(f.reserveSequence),
  transfer_records: f.transferRecords.map((p) => ({ service_payment: servicePaymentToJson(p) })),
});

/** `theta.GetAccount`'s result: note there is no `address` member (docs/interfaces.md §9 quirk 1). */
export interface AccountJson {
  sequence: string;
  coins: CoinsJson;
  reserved_funds: ReservedFundJson[];
  last_updated_block_height: string;
  root: string;
  code: string;
}
/** An account in the form `theta.GetAccount` returns (optionally with other reserved funds). */
export const accountToJson = (
  a: Account,
  reservedFunds: readonly ReservedFund[] = a.reservedFunds,
): AccountJson => ({
  sequence: dec(a.sequence),
  coins: coinsToJson(a.balance),
  reserved_funds: reservedFunds.map(reservedFundToJson),
  last_updated_block_height: dec(a.lastUpdatedBlockHeight),
  root: hex(a.root),
  code: hex(a.codeHash),
});
/** `theta.GetSplitRule`'s result. */
export const splitRuleToJson = (r: SplitRule) => ({
  initiator_address: hex(r.initiatorAddress),
  resource_id: r.resourceId,
  splits: r.splits.map((s) => ({ Address: hex(s.address), Percentage: Number(s.percentage) })),
  end_block_height: dec(r.endBlockHeight),
});

/** A stake in the RPC's JSON form. */
export const stakeToJson = (s: Stake) => ({
  source: hex(s.source),
  amount: dec(s.amount),
  withdrawn: s.withdrawn,
  return_height: dec(s.returnHeight),
});
/** A stake holder and its stakes in the RPC's JSON form. */
export const stakeHolderToJson = (h: StakeHolder) => ({
  Holder: hex(h.holder),
  Stakes: h.stakes.map(stakeToJson),
});
/** `Vcp` member of `theta.GetVcpByHeight`. */
export const vcpToJson = (p: ValidatorCandidatePool) => ({
  SortedCandidates: p.sortedCandidates.map(stakeHolderToJson),
});
/** `Gcp` member of `theta.GetGcpByHeight` (the BLS key is not printed by the reference). */
export const gcpToJson = (p: { sortedGuardians: readonly BlsStakeHolder[] }) => ({
  SortedGuardians: p.sortedGuardians.map(stakeHolderToJson),
});
