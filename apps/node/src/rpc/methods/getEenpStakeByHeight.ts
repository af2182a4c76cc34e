import { equalBytes, stakeToJson } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import type { RpcMethod } from "../registry.ts";
import { addressArg, boolArg, uint64Arg } from "./args.ts";
import { checksumAddress, handlerError } from "./common.ts";

const Args = z.object({
  height: uint64Arg,
  source: addressArg,
  holder: addressArg,
  withdrawn_only: boolArg,
});

/**
 * `theta.GetEenpStakeByHeight {"height","source","holder","withdrawn_only"}`
 * (docs/interfaces.md §1.4 method 17) → `{"stake":{"source","amount","withdrawn","return_height"}}`: `source`'s stake
 * in elite edge node `holder` at the best block of the height (with `withdrawn_only`, only a
 * withdrawn one). `source` and `holder` are typed addresses: `0x` and 40 hex digits.
 */
export function getEenpStakeByHeightMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetEenpStakeByHeight",
    params: Args,
    summary: "one stake in an elite edge node at the best block of a height",
    handler: async (args) => {
      const read = await chain.eenAtHeight(args.height, args.holder);
      if (read.kind === "noBlock") throw handlerError(`Can't find block for height ${args.height}`);
      if (read.kind === "pruned") {
        throw handlerError(`the EENP for height ${args.height} does not exists, it might have been pruned`);
      }
      if (read.value === undefined) {
        throw handlerError(`Can't find EENP stake for: ${checksumAddress(args.holder)}`);
      }
      const stake = read.value.stakes.find(
        (s) => equalBytes(s.source, args.source) && (!args.withdrawn_only || s.withdrawn),
      );
      if (stake === undefined) throw handlerError(`Cannot get stake for: ${checksumAddress(args.source)}`);
      return { stake: stakeToJson(stake) };
    },
  };
}
