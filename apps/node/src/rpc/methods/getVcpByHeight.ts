import { vcpToJson } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hex0x } from "../json/encodings.ts";
import { jsonNumber } from "../json/jsonText.ts";
import type { RpcMethod } from "../registry.ts";
import { uint64Arg } from "./args.ts";
import { handlerError } from "./common.ts";

const Args = z.object({ height: uint64Arg });

/**
 * `theta.GetVcpByHeight {"height"}` (docs/interfaces.md §1.4 method 13):
 * `{"BlockHashVcpPairs":[{"BlockHash","Vcp","HeightList"}]}`, one pair per stored block at the
 * height; `HeightList` is `{"Heights":[n…]}` or null.
 */
export function getVcpByHeightMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetVcpByHeight",
    params: Args,
    summary: "the validator candidate pool of every block at a height",
    handler: async (args) => {
      const read = await chain.vcpAtHeight(args.height);
      if (read.kind === "pruned") {
        throw handlerError(`the VCP for height ${args.height} does not exists, it might have been pruned`);
      }
      return {
        BlockHashVcpPairs: read.pools.map((p) => ({
          BlockHash: hex0x(p.blockHash),
          Vcp: vcpToJson(p.vcp),
          HeightList: p.heightList === undefined ? null : { Heights: p.heightList.map(jsonNumber) },
        })),
      };
    },
  };
}
