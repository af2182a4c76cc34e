import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hex0x } from "../json/encodings.ts";
import { eenToJson } from "../json/stakeJson.ts";
import type { RpcMethod } from "../registry.ts";
import { uint64Arg } from "./args.ts";
import { handlerError } from "./common.ts";

const Args = z.object({ height: uint64Arg });

/**
 * `theta.GetEenpByHeight {"height"}` (docs/interfaces.md §1.4 method 16):
 * `{"BlockHashEenpPairs":[{"BlockHash","EENs":[{"Holder","Stakes"}]}]}` for the best block at the
 * height only (an empty list when the height has no such block); elite edge nodes in state key
 * order, i.e. by holder address.
 */
export function getEenpByHeightMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetEenpByHeight",
    params: Args,
    summary: "the elite edge node pool at the best block of a height",
    handler: async (args) => {
      const read = await chain.eenpAtHeight(args.height);
      if (read.kind === "pruned") {
        throw handlerError(`the EENP for height ${args.height} does not exists, it might have been pruned`);
      }
      return {
        BlockHashEenpPairs:
          read.kind === "noBlock"
            ? []
            : [{ BlockHash: hex0x(read.blockHash), EENs: read.value.map(eenToJson) }],
      };
    },
  };
}
