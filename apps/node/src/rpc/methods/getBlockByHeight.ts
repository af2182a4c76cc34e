import { type BlockJson, isFinalizedStatus } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery, StoredBlock } from "../chainQuery.ts";
import { genesisStubJson, storedBlockToJson } from "../json/blockJson.ts";
import type { RpcMethod } from "../registry.ts";
import { boolArg, uint64Arg } from "./args.ts";

const Args = z.object({
  height: uint64Arg,
  include_eth_tx_hashes: boolArg,
  include_unfinalized_blocks: boolArg,
});

/**
 * The block the reference picks at a height: the first finalized one, or with
 * `includeUnfinalized` the last one stored regardless of status.
 */
export function pickBlockAtHeight(
  blocks: readonly StoredBlock[],
  includeUnfinalized: boolean,
): StoredBlock | undefined {
  if (includeUnfinalized) return blocks[blocks.length - 1];
  return blocks.find((b) => isFinalizedStatus(b.block.status));
}

/**
 * `theta.GetBlockByHeight {"height","include_eth_tx_hashes","include_unfinalized_blocks"}`
 * (docs/interfaces.md §1.4 method 8): `{}` when nothing matches; the genesis stub for height 0 when
 * the node holds no block there.
 */
export function getBlockByHeightMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetBlockByHeight",
    params: Args,
    summary: "the finalized block at a height (or the latest stored one with include_unfinalized_blocks)",
    handler: async (args): Promise<BlockJson | Record<string, never>> => {
      const block = pickBlockAtHeight(
        await chain.blocksAtHeight(args.height),
        args.include_unfinalized_blocks,
      );
      if (block === undefined) {
        if (args.height !== 0n) return {};
        const status = await chain.status();
        return genesisStubJson(status.chainId, status.genesisHash);
      }
      return storedBlockToJson(block, {
        includeEthTxHashes: args.include_eth_tx_hashes,
        includeEliteEdgeNodeVotes: true,
      });
    },
  };
}
