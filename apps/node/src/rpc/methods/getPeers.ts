import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import type { RpcMethod } from "../registry.ts";
import { boolArg } from "./args.ts";

const Args = z.object({ skip_edge_node: boolArg });

/** `theta.GetPeers {"skip_edge_node"}` → `{"peers":[id…]}` (docs/interfaces.md §1.4 method 12). */
export function getPeersMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetPeers",
    params: Args,
    summary: "ids of the connected peers",
    handler: async (args) => ({ peers: [...(await chain.peers(args.skip_edge_node))] }),
  };
}
