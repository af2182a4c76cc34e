import { gcpToJson } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hex0x } from "../json/encodings.ts";
import type { RpcMethod } from "../registry.ts";
import { uint64Arg } from "./args.ts";
import { handlerError } from "./common.ts";

const Args = z.object({ height: uint64Arg });

/**
 * `theta.GetGcpByHeight {"height"}` (docs/interfaces.md §1.4 method 14):
 * `{"BlockHashGcpPairs":[{"BlockHash","Gcp"}]}`, one pair per stored block at the height.
 */
export function getGcpByHeightMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetGcpByHeight",
    params: Args,
    summary: "the guardian candidate pool of every block at a height",
    handler: async (args) => {
      const read = await chain.gcpAtHeight(args.height);
      if (read.kind === "pruned") {
        throw handlerError(`the GCP for height ${args.height} does not exists, it might have been pruned`);
      }
      return {
        BlockHashGcpPairs: read.pools.map((p) => ({
          BlockHash: hex0x(p.blockHash),
          Gcp: p.gcp === undefined ? null : gcpToJson(p.gcp),
        })),
      };
    },
  };
}
