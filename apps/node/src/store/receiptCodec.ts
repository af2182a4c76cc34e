/**
 * RLP codecs of what the tx index stores beside each transaction: the EVM receipt
 * (`[txHash, logs, evmReturn, contractAddress, gasUsed, evmError]`, each log
 * `[address, topics, data]`) and the balance changes
 * (`[txHash, [[address, tokenType, isNegative, delta]], evmReturn, contractAddress, gasUsed, evmError]`).
 */
import { ADDRESS_LENGTH, HASH_LENGTH, rlp, ThetaError } from "@theta/core-types";
import type { BalanceChange, ReceiptLog, TxBalanceChanges, TxReceipt } from "../rpc/chainQuery.ts";

/** Stable codes of the receipt codecs. */
export const ReceiptCodecErrorCode = { BadTokenType: "STORE_BAD_TOKEN_TYPE" } as const;

/** The RLP item of one log: `[address, topics, data]`. */
export const logToItem = (l: ReceiptLog): rlp.RlpItem => [l.address, [...l.topics], l.data];

/** Decodes one log item strictly. */
export function logFromItem(item: rlp.RlpItem, field: string): ReceiptLog {
  const [a, t, d] = rlp.decodeList(item, field, 3);
  return {
    address: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, `${field}.address`),
    topics: rlp
      .decodeList(t!, `${field}.topics`)
      .map((x, i) => rlp.decodeFixedBytes(x, HASH_LENGTH, `${field}.topics[${i}]`)),
    data: rlp.decodeBytes(d!, `${field}.data`),
  };
}

/** Encodes a receipt. */
export function encodeReceipt(r: TxReceipt): Uint8Array {
  return rlp.rlpEncode([
    r.txHash,
    r.logs.map(logToItem),
    r.evmReturn,
    r.contractAddress,
    rlp.encodeUint(r.gasUsed),
    rlp.encodeString(r.evmError),
  ]);
}

/** Decodes a receipt strictly. */
export function decodeReceipt(bytes: Uint8Array): TxReceipt {
  const [h, l, ret, c, g, e] = rlp.decodeList(rlp.rlpDecode(bytes), "receipt", 6);
  return {
    txHash: rlp.decodeFixedBytes(h!, HASH_LENGTH, "receipt.tx_hash"),
    logs: rlp.decodeList(l!, "receipt.logs").map((x, i) => logFromItem(x, `receipt.logs[${i}]`)),
    evmReturn: rlp.decodeBytes(ret!, "receipt.evm_ret"),
    contractAddress: rlp.decodeFixedBytes(c!, ADDRESS_LENGTH, "receipt.contract_address"),
    gasUsed: rlp.decodeBigInt(g!, "receipt.gas_used"),
    evmError: rlp.decodeString(e!, "receipt.evm_err"),
  };
}

const changeToItem = (c: BalanceChange): rlp.RlpItem => [
  c.address,
  rlp.encodeUint(c.tokenType),
  rlp.encodeBool(c.isNegative),
  rlp.encodeUint(c.delta),
];

function changeFromItem(item: rlp.RlpItem, field: string): BalanceChange {
  const [a, t, n, d] = rlp.decodeList(item, field, 4);
  const tokenType = rlp.decodeSmallUint(t!, `${field}.token_type`);
  if (tokenType !== 0 && tokenType !== 1) {
    throw new ThetaError(
      ReceiptCodecErrorCode.BadTokenType,
      `${field}.token_type: expected 0 or 1, got ${tokenType}`,
    );
  }
  return {
    address: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, `${field}.address`),
    tokenType,
    isNegative: rlp.decodeBool(n!, `${field}.is_negative`),
    delta: rlp.decodeBigInt(d!, `${field}.delta`),
  };
}

/** Encodes the balance changes of a tx. */
export function encodeBalanceChanges(b: TxBalanceChanges): Uint8Array {
  return rlp.rlpEncode([
    b.txHash,
    b.balanceChanges.map(changeToItem),
    b.evmReturn,
    b.contractAddress,
    rlp.encodeUint(b.gasUsed),
    rlp.encodeString(b.evmError),
  ]);
}

/** Decodes the balance changes of a tx strictly. */
export function decodeBalanceChanges(bytes: Uint8Array): TxBalanceChanges {
  const [h, l, ret, c, g, e] = rlp.decodeList(rlp.rlpDecode(bytes), "balance_changes", 6);
  return {
    txHash: rlp.decodeFixedBytes(h!, HASH_LENGTH, "balance_changes.tx_hash"),
    balanceChanges: rlp
      .decodeList(l!, "balance_changes.changes")
      .map((x, i) => changeFromItem(x, `balance_changes.changes[${i}]`)),
    evmReturn: rlp.decodeBytes(ret!, "balance_changes.evm_ret"),
    contractAddress: rlp.decodeFixedBytes(c!, ADDRESS_LENGTH, "balance_changes.contract_address"),
    gasUsed: rlp.decodeBigInt(g!, "balance_changes.gas_used"),
    evmError: rlp.decodeString(e!, "balance_changes.evm_err"),
  };
}
