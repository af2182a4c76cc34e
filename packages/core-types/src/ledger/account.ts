/** Account (docs/ledger.md §2.3): the record stored under `ls/a/<address>`. */
import { equalBytes } from "../bytes.ts";
import { isThetaError } from "../errors.ts";
import * as rlp from "../rlp/index.ts";
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

/** An account as the state stores it (docs/ledger.md §2.1). */
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

/** Whether the account holds contract code. */
export function isSmartContract(a: Account): boolean {
  return !equalBytes(a.codeHash, EMPTY_CODE_HASH);
}

/** The RLP item of an account. */
export function accountToItem(a: Account): rlp.RlpItem {
  return [
    a.address,
    rlp.encodeUint(a.sequence),
    coinsToItem(a.balance),
    a.reservedFunds.map(reservedFundToItem),
    rlp.encodeUint(a.lastUpdatedBlockHeight),
    a.root,
    a.codeHash,
  ];
}

/** Decodes an account's RLP item strictly. */
export function accountFromItem(item: rlp.RlpItem, field = "account"): Account {
  const [addr, seq, bal, funds, lu, root, code] = rlp.decodeList(item, field, 7);
  return {
    address: rlp.decodeFixedBytes(addr!, ADDRESS_LENGTH, `${field}.address`),
    sequence: rlp.decodeUint(seq!, `${field}.sequence`, 64),
    balance: coinsFromItem(bal!, `${field}.coins`),
    reservedFunds: rlp
      .decodeList(funds!, `${field}.reserved_funds`)
      .map((x, i) => reservedFundFromItem(x, `${field}.reserved_funds[${i}]`)),
    lastUpdatedBlockHeight: rlp.decodeUint(lu!, `${field}.last_updated_block_height`, 64),
    root: rlp.decodeFixedBytes(root!, HASH_LENGTH, `${field}.root`),
    codeHash: rlp.decodeFixedBytes(code!, HASH_LENGTH, `${field}.code`),
  };
}

/** The RLP encoding of an account. */
export function encodeAccount(a: Account): Uint8Array {
  return rlp.rlpEncode(accountToItem(a));
}

/** Decodes an account's RLP strictly. */
export function decodeAccount(bytes: Uint8Array): Account {
  return accountFromItem(rlp.rlpDecode(bytes));
}

/**
 * The storage root of an account encoding, or undefined when `bytes` is not one (what
 * `decodeAccount(bytes).root` gives, or its ThetaError). The versioned commit asks this of every
 * new state leaf; the common shape (no reserved funds, canonical short items) is read in place,
 * anything else goes through `decodeAccount`.
 */
export function accountStorageRoot(bytes: Uint8Array): Hash | undefined {
  const root = storageRootInPlace(bytes);
  if (root !== undefined) return root;
  try {
    return decodeAccount(bytes).root;
  } catch (e) {
    if (isThetaError(e)) return undefined;
    throw e;
  }
}

/** The root when `bytes` is certainly a canonical account without reserved funds, else undefined. */
function storageRootInPlace(bytes: Uint8Array): Hash | undefined {
  let pos = 0;
  let start = 0;
  /** Length of the string at `pos` (content from `start`; `pos` moves past it), or -1 if not a canonical short one. */
  const shortString = (): number => {
    const b = bytes[pos];
    if (b === undefined || b > 0xb7) return -1;
    if (b < 0x80) {
      start = pos;
      pos += 1;
      return 1;
    }
    const len = b - 0x80;
    if (len === 1 && (bytes[pos + 1] ?? 0) < 0x80) return -1; // a single byte below 0x80 stands alone
    start = pos + 1;
    pos = start + len;
    return pos > bytes.length ? -1 : len;
  };
  /** A canonical unsigned integer of at most `max` bytes (no leading zero; zero is the empty string). */
  const uint = (max: number): boolean => {
    const len = shortString();
    return len >= 0 && len <= max && (len === 0 || bytes[start] !== 0);
  };
  const head = bytes[0];
  if (head === undefined) return undefined;
  if (head === 0xf8) {
    if (bytes.length < 2 || bytes[1]! < 56 || bytes[1]! + 2 !== bytes.length) return undefined;
    pos = 2;
  } else if (head >= 0xc0 && head <= 0xf7) {
    if (head - 0xc0 + 1 !== bytes.length) return undefined;
    pos = 1;
  } else return undefined;
  if (shortString() !== ADDRESS_LENGTH || !uint(8)) return undefined;
  const coins = bytes[pos];
  if (coins === undefined || coins < 0xc0 || coins > 0xf7) return undefined;
  const coinsEnd = pos + 1 + (coins - 0xc0);
  pos += 1;
  if (!uint(55) || !uint(55) || pos !== coinsEnd) return undefined;
  if (bytes[pos] !== 0xc0) return undefined; // reserved funds: only the empty list here
  pos += 1;
  if (!uint(8) || shortString() !== HASH_LENGTH) return undefined;
  const root = start;
  if (shortString() !== HASH_LENGTH || pos !== bytes.length) return undefined;
  return bytes.slice(root, root + HASH_LENGTH);
}
