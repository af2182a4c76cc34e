import { isFinalizedStatus, txToJson, ZERO_HASH } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { dec, hex0x } from "../json/encodings.ts";
import {
  type BalanceChangesJson,
  balanceChangesToJson,
  type ReceiptJson,
  receiptToJson,
} from "../json/receiptJson.ts";
import type { RpcMethod } from "../registry.ts";
import { stringArg } from "./args.ts";
import { handlerError, lenientHash } from "./common.ts";

/** A tx's status as GetTransaction reports it. */
export type TxStatusJson = "not_found" | "pending" | "finalized" | "abandoned";

/** `theta.GetTransaction` result (note the reference's `blance_changes` spelling). */
export interface GetTransactionResult {
  readonly block_hash: string;
  readonly block_height: string;
  readonly status: TxStatusJson;
  readonly hash: string;
  readonly type: number;
  readonly transaction: Record<string, unknown> | null;
  readonly receipt: ReceiptJson | null;
  readonly blance_changes: BalanceChangesJson | null;
}

const Args = z.object({ hash: stringArg });

/**
 * `theta.GetTransaction {"hash"}` (docs/interfaces.md §1.4 method 4): a tx from the tx index
 * (Theta hash, or Ethereum hash of a SmartContractTx) with its block, status, receipt and
 * balance changes; otherwise the mempool's pending/abandoned status, or `not_found`, with
 * every other member at its zero value. Unlike the reference, the mempool lookup accepts the
 * hash in any form (the reference finds mempool txs only by bare lowercase hex).
 */
export function getTransactionMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetTransaction",
    params: Args,
    summary: "a transaction by hash: status, block, decoded tx, receipt and balance changes",
    handler: async (args): Promise<GetTransactionResult> => {
      if (args.hash === "") throw handlerError("Transanction hash must be specified");
      const hash = lenientHash(args.hash);
      const found = await chain.transaction(hash);
      if (found === undefined) {
        const pending = await chain.mempoolTxStatus(hash);
        return {
          block_hash: hex0x(ZERO_HASH),
          block_height: "0",
          status: pending ?? "not_found",
          hash: hex0x(ZERO_HASH),
          type: 0,
          transaction: null,
          receipt: null,
          blance_changes: null,
        };
      }
      const { block, tx } = found;
      return {
        block_hash: hex0x(block.hash),
        block_height: dec(block.block.block.header.height),
        status: isFinalizedStatus(block.block.status) ? "finalized" : "pending",
        hash: hex0x(tx.hash),
        type: tx.tx.type,
        transaction: txToJson(tx.tx),
        receipt: tx.receipt === undefined ? null : receiptToJson(tx.receipt),
        blance_changes: tx.balanceChanges === undefined ? null : balanceChangesToJson(tx.balanceChanges),
      };
    },
  };
}
