/**
 * Block = RLP `[header, [tx_0, tx_1, …]]` (docs/consensus.md §1.2); each tx is an opaque byte string
 * holding the ledger's own tx RLP. The body is bound to the header only through `TxHash`, the
 * root of a Merkle-Patricia trie whose entries `blockTxTrieEntries` lists (the trie is built by
 * trie-store).
 */
import { decodeBytes, decodeList, encodeUint, type RlpItem, rlpDecode, rlpEncode } from "../rlp/index.ts";
import type { HeaderForkHeights } from "./forks.ts";
import { type BlockHeader, headerFromItem, headerToItem } from "./header.ts";

/** A block: its header and raw transactions. */
export interface Block {
  readonly header: BlockHeader;
  readonly txs: readonly Uint8Array[];
}

/** The RLP item of a block. */
export function blockToItem(b: Block, forks: HeaderForkHeights): RlpItem {
  return [headerToItem(b.header, forks), [...b.txs]];
}

/** Decodes a block item strictly. */
export function blockFromItem(item: RlpItem, forks: HeaderForkHeights, field = "block"): Block {
  const [h, txs] = decodeList(item, field, 2);
  return {
    header: headerFromItem(h!, forks, `${field}.header`),
    txs: decodeList(txs!, `${field}.txs`).map((t, i) => decodeBytes(t, `${field}.txs[${i}]`)),
  };
}

/** RLP of a block. */
export function encodeBlock(b: Block, forks: HeaderForkHeights): Uint8Array {
  return rlpEncode(blockToItem(b, forks));
}

/** Decodes exactly one block. */
export function decodeBlock(bytes: Uint8Array, forks: HeaderForkHeights): Block {
  return blockFromItem(rlpDecode(bytes), forks);
}

/** The tx-trie key of the transaction at `index`: RLP of the uint index (`0x80` for 0). */
export function txTrieKey(index: number | bigint): Uint8Array {
  return rlpEncode(encodeUint(index));
}

/** The key/value pairs whose trie root is the header's `TxHash` (value = the raw tx bytes). */
export function blockTxTrieEntries(txs: readonly Uint8Array[]): { key: Uint8Array; value: Uint8Array }[] {
  return txs.map((value, i) => ({ key: txTrieKey(i), value }));
}
