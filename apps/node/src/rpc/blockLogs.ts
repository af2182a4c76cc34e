/** The logs of a block as the node's log index records them (`eth_getLogs`, log filters). */
import type { Hash } from "@theta/core-types";
import type { ReceiptLog } from "./chainQuery.ts";

/** The logs of one tx of a block. */
export interface TxLogs {
  /** Position of the tx in the block. */
  readonly txIndex: number;
  /** The Ethereum hash of an Ethereum-signed tx, else the Theta hash. */
  readonly txHash: Hash;
  readonly logs: readonly ReceiptLog[];
}

/** The logs of one block (the node's log index holds one per finalized block with logs). */
export interface BlockLogs {
  readonly height: bigint;
  readonly blockHash: Hash;
  /** Unix seconds from the header. */
  readonly timestamp: bigint;
  /** Only txs with logs, in block order. */
  readonly txs: readonly TxLogs[];
}
