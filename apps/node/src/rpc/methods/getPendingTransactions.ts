import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hex0x } from "../json/encodings.ts";
import type { RpcMethod } from "../registry.ts";

const Args = z.object({});

/** `theta.GetPendingTransactions {}` → `{"tx_hashes":["0x…"]}` (docs/interfaces.md §1.4 method 5). */
export function getPendingTransactionsMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetPendingTransactions",
    params: Args,
    summary: "hashes of the mempool's candidate transactions",
    handler: async () => ({ tx_hashes: (await chain.pendingTxHashes()).map(hex0x) }),
  };
}
