/**
 * Key layout of the node's chain data in the LevelDB `KvStore` it shares with the state trie.
 * Everything here lives under the namespace "C/", apart from trie-store's single-byte prefixes
 * ("n" nodes, "v" versions, "c" counts):
 *
 * | key | value |
 * | --- | --- |
 * | `C/b/<hash>` | ExtendedBlock RLP (docs/consensus.md §1.5) |
 * | `C/h/<height u64 BE><hash>` | empty: the height index (several blocks may share a height) |
 * | `C/f/<height u64 BE>` | hash of the finalized block at that height |
 * | `C/t/<tx hash>` | RLP `[block hash, index]` |
 * | `C/e/<eth tx hash>` | the Theta tx hash of a SmartContractTx sent as an Ethereum tx |
 * | `C/x/<tx hash>` | the Ethereum hash of that tx (the reverse entry) |
 * | `C/r/<tx hash>` | receipt RLP |
 * | `C/c/<tx hash>` | balance changes RLP |
 * | `C/l/<height u64 BE>` | the logs of the finalized block at that height, if it has any (blockLogs.ts) |
 * | `C/lv` | the last vote, RLP `[epoch, height, block hash]` |
 * | `C/gf` | the last guardian-finalized checkpoint, RLP `[height, block hash]` (guardianFinalityStore.ts) |
 * | `C/root` | RLP `[root block hash, root block height]`: where the chain started (genesis or snapshot) |
 */
import { concatBytes, utf8ToBytes } from "@theta/core-types";

const ns = (s: string): Uint8Array => utf8ToBytes(`C/${s}`);

/** Prefixes of each record kind. */
export const StoreKeyPrefix = {
  block: ns("b/"),
  height: ns("h/"),
  finalized: ns("f/"),
  tx: ns("t/"),
  ethTx: ns("e/"),
  ethOf: ns("x/"),
  receipt: ns("r/"),
  balanceChanges: ns("c/"),
  blockLogs: ns("l/"),
  lastVote: ns("lv"),
  root: ns("root"),
} as const;

/** A height as 8 big-endian bytes (so keys sort by height). */
export function heightBytes(height: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, height);
  return out;
}

/** Reads the 8-byte big-endian height at `offset`. */
export function readHeight(key: Uint8Array, offset: number): bigint {
  return new DataView(key.buffer, key.byteOffset + offset, 8).getBigUint64(0);
}

/** Key builders. */
export const StoreKey = {
  block: (hash: Uint8Array) => concatBytes(StoreKeyPrefix.block, hash),
  heightIndex: (height: bigint, hash: Uint8Array) =>
    concatBytes(StoreKeyPrefix.height, heightBytes(height), hash),
  heightPrefix: (height: bigint) => concatBytes(StoreKeyPrefix.height, heightBytes(height)),
  finalized: (height: bigint) => concatBytes(StoreKeyPrefix.finalized, heightBytes(height)),
  tx: (hash: Uint8Array) => concatBytes(StoreKeyPrefix.tx, hash),
  ethTx: (hash: Uint8Array) => concatBytes(StoreKeyPrefix.ethTx, hash),
  ethOf: (hash: Uint8Array) => concatBytes(StoreKeyPrefix.ethOf, hash),
  receipt: (hash: Uint8Array) => concatBytes(StoreKeyPrefix.receipt, hash),
  balanceChanges: (hash: Uint8Array) => concatBytes(StoreKeyPrefix.balanceChanges, hash),
  blockLogs: (height: bigint) => concatBytes(StoreKeyPrefix.blockLogs, heightBytes(height)),
} as const;
