import type { BlockJson } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { storedBlockToJson } from "../json/blockJson.ts";
import type { RpcMethod } from "../registry.ts";
import { boolArg, hashArg } from "./args.ts";
import { handlerError, isZero } from "./common.ts";

const Args = z.object({ hash: hashArg, include_eth_tx_hashes: boolArg });

/**
 * `theta.GetBlock {"hash","include_eth_tx_hashes"}` (docs/interfaces.md §1.4 method 7): a stored block
 * of any status; `elite_edge_node_votes` is always null here, as in the reference.
 */
export function getBlockMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetBlock",
    params: Args,
    summary: "a block by hash with its transactions",
    handler: async (args): Promise<BlockJson> => {
      if (isZero(args.hash)) throw handlerError("Block hash must be specified");
      const block = await chain.blockByHash(args.hash);
      if (block === undefined) throw handlerError("KeyNotFound");
      return storedBlockToJson(block, {
        includeEthTxHashes: args.include_eth_tx_hashes,
        includeEliteEdgeNodeVotes: false,
      });
    },
  };
}
