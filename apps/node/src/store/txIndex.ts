/**
 * The transaction index: tx hash → (block hash, position), the Ethereum hash of a
 * SmartContractTx → its Theta hash, and the receipt and balance changes of each tx. It hands
 * out batch operations, so the index is written in the same batch that finalizes the block.
 */
import type { AppliedTxEntry } from "@theta/chain";
import {
  decodeFixedBytes,
  decodeList,
  decodeSmallUint,
  encodeUint,
  HASH_LENGTH,
  type Hash,
  rlpDecode,
  rlpEncode,
} from "@theta/core-types";
import { getMany, type KvBatchOp, type KvStore } from "@theta/trie-store";
import type { BlockLogs, TxLogs } from "../rpc/blockLogs.ts";
import type { TxBalanceChanges, TxReceipt } from "../rpc/chainQuery.ts";
import { decodeBlockLogs, encodeBlockLogs } from "./blockLogs.ts";
import { readHeight, StoreKey, StoreKeyPrefix } from "./keys.ts";
import { decodeBalanceChanges, decodeReceipt, encodeBalanceChanges, encodeReceipt } from "./receiptCodec.ts";

/** Where a transaction sits. */
export interface TxLocation {
  readonly blockHash: Hash;
  /** Position in the block's tx list. */
  readonly index: number;
}

/** One tx of a block, as the index records it: the executor's entry (`@theta/chain`) with its balance changes. */
export interface IndexedTxEntry extends AppliedTxEntry {
  readonly receipt?: TxReceipt;
  readonly balanceChanges?: TxBalanceChanges;
}

/** The tx index over the node's `KvStore`. */
export interface TxIndex {
  /**
   * Batch operations that index `entries` (in block order) as the txs of `blockHash`; with the
   * block's height and timestamp, also its record in the log index when any tx has logs.
   */
  opsForBlock(
    blockHash: Hash,
    entries: readonly IndexedTxEntry[],
    block?: { readonly height: bigint; readonly timestamp: bigint },
  ): KvBatchOp[];
  /** The log-index records of heights [from, to], ascending (blocks without logs have none). */
  blockLogs(from: bigint, to: bigint): Promise<BlockLogs[]>;
  /** Finds a tx by its Theta hash, or by the Ethereum hash of a SmartContractTx. */
  locate(hash: Hash): Promise<(TxLocation & { readonly txHash: Hash }) | undefined>;
  receipt(txHash: Hash): Promise<TxReceipt | undefined>;
  /** The Ethereum hash of a tx submitted as an Ethereum tx. */
  ethHashOf(txHash: Hash): Promise<Hash | undefined>;
  balanceChanges(txHash: Hash): Promise<TxBalanceChanges | undefined>;
  /** `ethHashOf`, `receipt` and `balanceChanges` of each of `txHashes`, read in one batch. */
  extrasOf(txHashes: readonly Hash[]): Promise<TxExtras[]>;
}

/** What the index holds about a tx beside its location. */
export interface TxExtras {
  readonly ethHash: Hash | undefined;
  readonly receipt: TxReceipt | undefined;
  readonly balanceChanges: TxBalanceChanges | undefined;
}

function decodeLocation(bytes: Uint8Array): TxLocation {
  const [h, i] = decodeList(rlpDecode(bytes), "tx_location", 2);
  return {
    blockHash: decodeFixedBytes(h!, HASH_LENGTH, "tx_location.block_hash"),
    index: decodeSmallUint(i!, "tx_location.index"),
  };
}

/** Creates the tx index. */
export function createTxIndex(kv: KvStore): TxIndex {
  return {
    opsForBlock(blockHash, entries, block) {
      const ops: KvBatchOp[] = [];
      if (block !== undefined) {
        const txs: TxLogs[] = [];
        entries.forEach((e, txIndex) => {
          const logs = e.receipt?.logs ?? [];
          if (logs.length > 0) txs.push({ txIndex, txHash: e.ethHash ?? e.hash, logs });
        });
        if (txs.length > 0) {
          const value = encodeBlockLogs({ blockHash, timestamp: block.timestamp, txs });
          ops.push({ type: "put", key: StoreKey.blockLogs(block.height), value });
        }
      }
      entries.forEach((e, index) => {
        ops.push({ type: "put", key: StoreKey.tx(e.hash), value: rlpEncode([blockHash, encodeUint(index)]) });
        if (e.ethHash !== undefined) {
          ops.push({ type: "put", key: StoreKey.ethTx(e.ethHash), value: e.hash });
          ops.push({ type: "put", key: StoreKey.ethOf(e.hash), value: e.ethHash });
        }
        if (e.receipt !== undefined)
          ops.push({ type: "put", key: StoreKey.receipt(e.hash), value: encodeReceipt(e.receipt) });
        if (e.balanceChanges !== undefined)
          ops.push({
            type: "put",
            key: StoreKey.balanceChanges(e.hash),
            value: encodeBalanceChanges(e.balanceChanges),
          });
      });
      return ops;
    },
    async locate(hash) {
      const direct = await kv.get(StoreKey.tx(hash));
      if (direct !== undefined) return { ...decodeLocation(direct), txHash: hash };
      const theta = await kv.get(StoreKey.ethTx(hash));
      if (theta === undefined) return undefined;
      const loc = await kv.get(StoreKey.tx(theta));
      return loc === undefined ? undefined : { ...decodeLocation(loc), txHash: theta };
    },
    ethHashOf: (txHash) => kv.get(StoreKey.ethOf(txHash)),
    async blockLogs(from, to) {
      const out: BlockLogs[] = [];
      if (to < from) return out;
      const range = { gte: StoreKey.blockLogs(from), lt: StoreKey.blockLogs(to + 1n) };
      const offset = StoreKeyPrefix.blockLogs.length;
      for await (const [key, value] of kv.iterate(range))
        out.push(decodeBlockLogs(readHeight(key, offset), value));
      return out;
    },
    async receipt(txHash) {
      const v = await kv.get(StoreKey.receipt(txHash));
      return v === undefined ? undefined : decodeReceipt(v);
    },
    async balanceChanges(txHash) {
      const v = await kv.get(StoreKey.balanceChanges(txHash));
      return v === undefined ? undefined : decodeBalanceChanges(v);
    },
    async extrasOf(txHashes) {
      const keys = txHashes.flatMap((h) => [
        StoreKey.ethOf(h),
        StoreKey.receipt(h),
        StoreKey.balanceChanges(h),
      ]);
      const values = await getMany(kv, keys);
      return txHashes.map((_, i) => {
        const receipt = values[3 * i + 1];
        const changes = values[3 * i + 2];
        return {
          ethHash: values[3 * i],
          receipt: receipt === undefined ? undefined : decodeReceipt(receipt),
          balanceChanges: changes === undefined ? undefined : decodeBalanceChanges(changes),
        };
      });
    },
  };
}
