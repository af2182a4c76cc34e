/** TxInput and TxOutput (docs/ledger.md §2.2). An empty signature is Go's nil (encodes as 0x80). */
import * as rlp from "../rlp/index.ts";
import { type Coins, coinsFromItem, coinsToItem, ZERO_COINS } from "./coins.ts";
import { ADDRESS_LENGTH, type Address } from "./primitives.ts";

/** A tx input: an account, the coins it gives, its sequence and signature. */
export interface TxInput {
  readonly address: Address;
  readonly coins: Coins;
  readonly sequence: bigint;
  readonly signature: Uint8Array;
}

/** A tx output: an account and the coins it receives. */
export interface TxOutput {
  readonly address: Address;
  readonly coins: Coins;
}

/** A tx input with an empty signature (to be signed). */
export function txInput(
  address: Address,
  coins: Coins = ZERO_COINS,
  sequence = 0n,
  signature = new Uint8Array(0),
): TxInput {
  return { address, coins, sequence, signature };
}

/** The RLP item of a tx input. */
export function txInputToItem(i: TxInput): rlp.RlpItem {
  return [i.address, coinsToItem(i.coins), rlp.encodeUint(i.sequence), i.signature];
}

/** Decodes a tx input's RLP item strictly. */
export function txInputFromItem(item: rlp.RlpItem, field: string): TxInput {
  const [a, c, s, sig] = rlp.decodeList(item, field, 4);
  return {
    address: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, `${field}.address`),
    coins: coinsFromItem(c!, `${field}.coins`),
    sequence: rlp.decodeUint(s!, `${field}.sequence`, 64),
    signature: rlp.decodeBytes(sig!, `${field}.signature`),
  };
}

/** The RLP item of a tx output. */
export function txOutputToItem(o: TxOutput): rlp.RlpItem {
  return [o.address, coinsToItem(o.coins)];
}

/** Decodes a tx output's RLP item strictly. */
export function txOutputFromItem(item: rlp.RlpItem, field: string): TxOutput {
  const [a, c] = rlp.decodeList(item, field, 2);
  return {
    address: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, `${field}.address`),
    coins: coinsFromItem(c!, `${field}.coins`),
  };
}

/** A copy of `input` without its signature (Go: Signature = nil). */
export function unsigned(input: TxInput): TxInput {
  return { ...input, signature: new Uint8Array(0) };
}
