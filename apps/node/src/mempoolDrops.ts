/** What the node does with admitted txs the mempool dropped after a block (they are lost to their senders). */
import type { Hash } from "@theta/core-types";
import type { DroppedPendingTx } from "@theta/ledger";
import type { Logger } from "pino";

/**
 * The executor's `onDropped`: the hashes go to `abandoned` (the RPC reports them so), and one log line
 * says how many expired and how many the new state made invalid, with one reason: a warning when some
 * expired (a node keeping up with its blocks should not see that), else info.
 */
export function mempoolDropHandler(
  log: Pick<Logger, "warn" | "info">,
  abandoned: (hashes: readonly Hash[]) => void,
): (dropped: readonly DroppedPendingTx[]) => void {
  return (dropped) => {
    if (dropped.length === 0) return;
    abandoned(dropped.map((d) => d.txHash));
    const expired = dropped.filter((d) => d.reason.startsWith("expired")).length;
    const fields = { expired, invalid: dropped.length - expired, example: dropped[0]?.reason };
    if (expired > 0) log.warn(fields, "mempool dropped admitted txs after a block");
    else log.info(fields, "mempool dropped admitted txs after a block");
  };
}
