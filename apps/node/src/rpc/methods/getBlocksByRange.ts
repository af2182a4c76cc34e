import type { BlockJson } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { genesisStubJson, storedBlockToJson } from "../json/blockJson.ts";
import type { RpcMethod } from "../registry.ts";
import { boolArg, uint64Arg } from "./args.ts";
import { handlerError } from "./common.ts";
import { pickBlockAtHeight } from "./getBlockByHeight.ts";

/** The most blocks one GetBlocksByRange call may span (end − start). */
export const MAX_BLOCK_RANGE = 5000n;

/** Throttling of wide GetBlocksByRange queries (config `rpc.getBlocksHeavyQueryThreshold` and
 * `rpc.maxHeavyGetBlocksQueryCount`). */
export interface BlocksByRangeLimits {
  /** A query spanning more than this many blocks is heavy (default 500). */
  readonly heavyQueryThreshold: bigint;
  /** A heavy query is refused while more than this many heavy queries run (default 30). */
  readonly maxHeavyQueries: number;
}

/** The reference's defaults. */
export const DEFAULT_BLOCKS_BY_RANGE_LIMITS: BlocksByRangeLimits = {
  heavyQueryThreshold: 500n,
  maxHeavyQueries: 30,
};

const Args = z.object({ start: uint64Arg, end: uint64Arg, include_eth_tx_hashes: boolArg });

/**
 * `theta.GetBlocksByRange {"start","end","include_eth_tx_hashes"}` (docs/interfaces.md §1.4 method 9):
 * walks parents back from the finalized block at `end` down to `start` and returns them in
 * ascending order; `end` 0 gives `[genesis stub]`, `start` 0 prepends the stub; no finalized
 * block at `end` gives null.
 */
export function getBlocksByRangeMethod(
  chain: ChainQuery,
  limits: BlocksByRangeLimits = DEFAULT_BLOCKS_BY_RANGE_LIMITS,
): RpcMethod<typeof Args> {
  let heavyInFlight = 0;
  const stub = async (): Promise<BlockJson> => {
    const s = await chain.status();
    return genesisStubJson(s.chainId, s.genesisHash);
  };
  return {
    name: "theta.GetBlocksByRange",
    params: Args,
    summary: "finalized blocks from start to end (at most 5000), ascending",
    handler: async (args): Promise<BlockJson[] | null> => {
      const { start, end } = args;
      if (end === 0n) return [await stub()];
      if (start > end) throw handlerError("starting block must be less than ending block");
      if (end - start > MAX_BLOCK_RANGE) {
        throw handlerError(`can't retrieve more than ${MAX_BLOCK_RANGE} blocks at a time`);
      }
      const heavy = end - start > limits.heavyQueryThreshold;
      if (heavy) {
        if (heavyInFlight > limits.maxHeavyQueries) {
          throw handlerError(
            `too many pending heavy getBlocksByRange queries, rejecting getBlocksByRange query from block ${start} to ${end}`,
          );
        }
        heavyInFlight++;
      }
      try {
        let block = pickBlockAtHeight(await chain.blocksAtHeight(end), false);
        if (block === undefined) return null;
        const opts = { includeEthTxHashes: args.include_eth_tx_hashes, includeEliteEdgeNodeVotes: true };
        const lowest = start === 0n ? 1n : start;
        const out: BlockJson[] = [];
        while (block.block.block.header.height >= lowest) {
          out.push(storedBlockToJson(block, opts));
          if (block.block.block.header.height === lowest) break;
          const parent = await chain.blockByHash(block.block.block.header.parent);
          if (parent === undefined) throw handlerError("KeyNotFound");
          block = parent;
        }
        out.reverse();
        if (start === 0n) out.unshift(await stub());
        return out;
      } finally {
        if (heavy) heavyInFlight--;
      }
    },
  };
}
