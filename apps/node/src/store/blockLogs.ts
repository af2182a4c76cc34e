/**
 * The log index: for each finalized block with at least one EVM log, one record under its height
 * holding every log with its tx position and the hash clients know the tx by, so that a log query
 * over a height range is one key-range scan that skips blocks without logs and decodes no block.
 * RLP `[blockHash, timestamp, [[txIndex, txHash, [log…]]…]]`, each log `[address, topics, data]`.
 */
import { HASH_LENGTH, rlp } from "@theta/core-types";
import type { BlockLogs } from "../rpc/blockLogs.ts";
import { logFromItem, logToItem } from "./receiptCodec.ts";

/** Encodes the record (the height is the key). */
export function encodeBlockLogs(b: Omit<BlockLogs, "height">): Uint8Array {
  return rlp.rlpEncode([
    b.blockHash,
    rlp.encodeUint(b.timestamp),
    b.txs.map((t) => [rlp.encodeUint(t.txIndex), t.txHash, t.logs.map(logToItem)]),
  ]);
}

/** Decodes a record strictly. */
export function decodeBlockLogs(height: bigint, bytes: Uint8Array): BlockLogs {
  const [h, ts, txs] = rlp.decodeList(rlp.rlpDecode(bytes), "block_logs", 3);
  return {
    height,
    blockHash: rlp.decodeFixedBytes(h!, HASH_LENGTH, "block_logs.block_hash"),
    timestamp: rlp.decodeUint(ts!, "block_logs.timestamp", 64),
    txs: rlp.decodeList(txs!, "block_logs.txs").map((item, i) => {
      const f = `block_logs.txs[${i}]`;
      const [ix, th, logs] = rlp.decodeList(item, f, 3);
      return {
        txIndex: rlp.decodeSmallUint(ix!, `${f}.index`),
        txHash: rlp.decodeFixedBytes(th!, HASH_LENGTH, `${f}.tx_hash`),
        logs: rlp.decodeList(logs!, `${f}.logs`).map((l, j) => logFromItem(l, `${f}.logs[${j}]`)),
      };
    }),
  };
}
