/** Account (ledger.md §2.3): the record stored under `ls/a/<address>`. */
import { equalBytes } from "../bytes.ts";
import {
  decodeFixedBytes,
  decodeList,
  decodeUint,
  encodeUint,
  type RlpItem,
  rlpDecode,
  rlpEncode,
} from "../rlp/index.ts";
import { type Coins, coinsFromItem, coinsToItem, ZERO_COINS } from "./coins.ts";
import {
  ADDRESS_LENGTH,
  type Address,
  EMPTY_CODE_HASH,
  HASH_LENGTH,
  type Hash,
  ZERO_HASH,
} from "./primitives.ts";
import { type ReservedFund, reservedFundFromItem, reservedFundToItem } from "./reservedFund.ts";

export interface Account {
  readonly address: Address;
  readonly sequence: bigint;
  readonly balance: Coins;
  readonly reservedFunds: readonly ReservedFund[];
  readonly lastUpdatedBlockHeight: bigint;
  /** Storage trie root; all zero for accounts that never had storage. */
  readonly root: Hash;
  readonly codeHash: Hash;
}

/** A fresh account: sequence 0, no balance, zero root, empty code hash. */
export function newAccount(address: Address, lastUpdatedBlockHeight = 0n): Account {
  return {
    address,
    sequence: 0n,
    balance: ZERO_COINS,
    reservedFunds: [],
    lastUpdatedBlockHeight,
    root: ZERO_HASH,
    codeHash: EMPTY_CODE_HASH,
  };
}

export function isSmartContract(a: Account): boolean {
  return !equalBytes(a.codeHash, EMPTY_CODE_HASH);
}

export function accountToItem(a: Account): RlpItem {
  return [
    a.address,
    encodeUint(a.sequence),
    coinsToItem(a.balance),
    a.reservedFunds.map(reservedFundToItem),
    encodeUint(a.lastUpdatedBlockHeight),
    a.root,
    a.codeHash,
  ];
}

export function accountFromItem(item: RlpItem, field = "account"): Account {
  const [addr, seq, bal, funds, lu, root, code] = decodeList(item, field, 7);
  return {
    address: decodeFixedBytes(addr!, ADDRESS_LENGTH, `${field}.address`),
    sequence: decodeUint(seq!, `${field}.sequence`, 64),
    balance: coinsFromItem(bal!, `${field}.coins`),
    reservedFunds: decodeList(funds!, `${field}.reserved_funds`).map((x, i) =>
      reservedFundFromItem(x, `${field}.reserved_funds[${i}]`),
    ),
    lastUpdatedBlockHeight: decodeUint(lu!, `${field}.last_updated_block_height`, 64),
    root: decodeFixedBytes(root!, HASH_LENGTH, `${field}.root`),
    codeHash: decodeFixedBytes(code!, HASH_LENGTH, `${field}.code`),
  };
}

export function encodeAccount(a: Account): Uint8Array {
  return rlpEncode(accountToItem(a));
}

export function decodeAccount(bytes: Uint8Array): Account {
  return accountFromItem(rlpDecode(bytes));
}
