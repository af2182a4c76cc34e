/**
 * JSON of the stored execution records of a tx (Go `TxReceiptEntry` and
 * `TxBalanceChangesEntry`): Go field names, `common.Bytes` as base64, `GasUsed` and `delta`
 * as bare JSON numbers.
 */

import type { BalanceChange, ReceiptLog, TxBalanceChanges, TxReceipt } from "../chainQuery.ts";
import { base64, hex0x } from "./encodings.ts";
import { type JsonNumber, jsonNumber } from "./jsonText.ts";

/** One EVM log: `{"address","topics","data"}` with base64 data. */
export interface LogJson {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
}

/** `{"TxHash","Logs","EvmRet","ContractAddress","GasUsed","EvmErr"}`. */
export interface ReceiptJson {
  readonly TxHash: string;
  readonly Logs: readonly LogJson[];
  readonly EvmRet: string;
  readonly ContractAddress: string;
  readonly GasUsed: JsonNumber;
  readonly EvmErr: string;
}

/** One entry of `BalanceChanges`. */
export interface BalanceChangeJson {
  readonly address: string;
  readonly token_type: number;
  readonly is_negative: boolean;
  readonly delta: JsonNumber;
}

/** `{"TxHash","BalanceChanges","EvmRet","ContractAddress","GasUsed","EvmErr"}`. */
export interface BalanceChangesJson {
  readonly TxHash: string;
  readonly BalanceChanges: readonly BalanceChangeJson[];
  readonly EvmRet: string;
  readonly ContractAddress: string;
  readonly GasUsed: JsonNumber;
  readonly EvmErr: string;
}

/** The JSON form of one log. */
export function logToJson(log: ReceiptLog): LogJson {
  return { address: hex0x(log.address), topics: log.topics.map(hex0x), data: base64(log.data) };
}

/** The `receipt` member of GetTransaction / GetBlock txs. */
export function receiptToJson(r: TxReceipt): ReceiptJson {
  return {
    TxHash: hex0x(r.txHash),
    Logs: r.logs.map(logToJson),
    EvmRet: base64(r.evmReturn),
    ContractAddress: hex0x(r.contractAddress),
    GasUsed: jsonNumber(r.gasUsed),
    EvmErr: r.evmError,
  };
}

/** One balance change. */
export function balanceChangeToJson(c: BalanceChange): BalanceChangeJson {
  return {
    address: hex0x(c.address),
    token_type: c.tokenType,
    is_negative: c.isNegative,
    delta: jsonNumber(c.delta),
  };
}

/** The `blance_changes` / `balance_changes` member. */
export function balanceChangesToJson(b: TxBalanceChanges): BalanceChangesJson {
  return {
    TxHash: hex0x(b.txHash),
    BalanceChanges: b.balanceChanges.map(balanceChangeToJson),
    EvmRet: base64(b.evmReturn),
    ContractAddress: hex0x(b.contractAddress),
    GasUsed: jsonNumber(b.gasUsed),
    EvmErr: b.evmError,
  };
}
