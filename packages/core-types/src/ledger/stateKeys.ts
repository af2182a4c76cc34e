/** Keys of the ledger state trie (docs/ledger.md §9.2): an ASCII prefix followed by raw bytes. */
import { concatBytes, utf8ToBytes } from "../bytes.ts";
import type { Address, Hash } from "./primitives.ts";

const prefix = (p: string) => utf8ToBytes(p);

// Prefixes of the keys built per access (an account is read and written several times per tx).
const ACCOUNT = prefix("ls/a/");
const CODE = prefix("ls/ch/");
const SPLIT_RULE = prefix("ls/ssc/split/");
const EEN = prefix("ls/een/");
const REWARD_DISTRIBUTION = prefix("ls/srdrs/");

/** The state keys of Theta's layout (docs/ledger.md §9.2), each built from its parts. */
export const StateKey = {
  /** The chain id record. */
  chainId: (): Uint8Array => prefix("chainid"),
  /** An account. */
  account: (address: Address): Uint8Array => concatBytes(ACCOUNT, address),
  /** A resource's split rule. */
  splitRule: (resourceId: string): Uint8Array => concatBytes(SPLIT_RULE, utf8ToBytes(resourceId)),
  /** Contract code by its hash. */
  code: (codeHash: Hash): Uint8Array => concatBytes(CODE, codeHash),
  /** The validator candidate pool. */
  vcp: (): Uint8Array => prefix("ls/vcp"),
  /** The guardian candidate pool. */
  gcp: (): Uint8Array => prefix("ls/gcp"),
  /** An elite edge node record. */
  eliteEdgeNode: (address: Address): Uint8Array => concatBytes(EEN, address),
  /** The elite edge nodes' total active stake. */
  eliteEdgeNodeTotalActiveStake: (): Uint8Array => prefix("ls/eentas"),
  /** The EEN stakes returned at `height`. */
  eliteEdgeNodeStakeReturns: (height: bigint): Uint8Array => prefix(`ls/eensrk/${height.toString(10)}`),
  /** A stake holder's reward distribution. */
  rewardDistribution: (holder: Address): Uint8Array => concatBytes(REWARD_DISTRIBUTION, holder),
  /** The heights of blocks with stake transactions. */
  stakeTransactionHeightList: (): Uint8Array => prefix("ls/sthl"),
  /** The reference's state-pruning progress record. */
  statePruningProgress: (): Uint8Array => prefix("ls/spp"),
} as const;

/** The EEN total-active-stake value: minimal big-endian bytes, not RLP (empty = 0). */
export function encodeRawBigInt(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array(0);
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A big-endian unsigned integer from raw bytes (Go's `big.Int.SetBytes`). */
export function decodeRawBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}
