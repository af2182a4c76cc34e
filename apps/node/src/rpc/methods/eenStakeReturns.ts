import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { stakeWithHolderToJson } from "../json/stakeJson.ts";
import type { RpcMethod } from "../registry.ts";
import { uint64Arg } from "./args.ts";

const ByHeightArgs = z.object({ height: uint64Arg });

/**
 * `theta.GetEliteEdgeNodeStakeReturnsByHeight {"height"}` (docs/interfaces.md §1.4 method 19) →
 * `{"EENStakeReturns":[{"Holder","Stake"}]}`: the elite edge node stakes returned at that height,
 * read from the node's latest state (`[]` when none).
 */
export function getEliteEdgeNodeStakeReturnsByHeightMethod(
  chain: ChainQuery,
): RpcMethod<typeof ByHeightArgs> {
  return {
    name: "theta.GetEliteEdgeNodeStakeReturnsByHeight",
    params: ByHeightArgs,
    summary: "elite edge node stakes returned at a height",
    handler: async (args) => ({
      EENStakeReturns: (await chain.eenStakeReturns(args.height)).map(stakeWithHolderToJson),
    }),
  };
}

const NoArgs = z.object({});

/**
 * `theta.GetAllPendingEliteEdgeNodeStakeReturns {}` (docs/interfaces.md §1.4 method 20) →
 * `{"EENHeightStakeReturnsPairs":[{"HeightKey":"ls/eensrk/<h>","EENStakeReturns":[…]}]}`, every
 * pending list of the node's latest state in state key order (so by the height's decimal text:
 * `ls/eensrk/100` before `ls/eensrk/99`).
 */
export function getAllPendingEliteEdgeNodeStakeReturnsMethod(chain: ChainQuery): RpcMethod<typeof NoArgs> {
  return {
    name: "theta.GetAllPendingEliteEdgeNodeStakeReturns",
    params: NoArgs,
    summary: "every pending elite edge node stake return, by return height",
    handler: async () => ({
      EENHeightStakeReturnsPairs: (await chain.pendingEenStakeReturns()).map((p) => ({
        HeightKey: p.heightKey,
        EENStakeReturns: p.returns.map(stakeWithHolderToJson),
      })),
    }),
  };
}
