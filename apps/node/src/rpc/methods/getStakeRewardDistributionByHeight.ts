import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hex0x } from "../json/encodings.ts";
import { rewardDistributionToJson } from "../json/stakeJson.ts";
import type { RpcMethod } from "../registry.ts";
import { stringArg, uint64Arg } from "./args.ts";
import { handlerError, lenientAddress } from "./common.ts";

const Args = z.object({ height: uint64Arg, address: stringArg });

/**
 * `theta.GetStakeRewardDistributionByHeight {"height","address"}` (docs/interfaces.md §1.4
 * method 18) → `{"BlockHashStakeRewardDistributionRuleSetPairs":[{"BlockHash",
 * "StakeRewardDistributionRuleSet":[{"StakeHolder","Beneficiary","SplitBasisPoint"}]}]}`, one pair
 * per stored block at the height. With `address` (a plain string: `0x` optional, any case) the set
 * holds that holder's rule only, `null` when it has none; without, every rule by holder address.
 * The pruned-state error names the EENP, as the reference's does.
 */
export function getStakeRewardDistributionByHeightMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetStakeRewardDistributionByHeight",
    params: Args,
    summary: "stake reward distribution rules of every block at a height (all, or one holder's)",
    handler: async (args) => {
      const holder = args.address === "" ? undefined : lenientAddress(args.address);
      const read = await chain.srdrsAtHeight(args.height, holder);
      if (read.kind === "pruned") {
        throw handlerError(`the EENP for height ${args.height} does not exists, it might have been pruned`);
      }
      return {
        BlockHashStakeRewardDistributionRuleSetPairs: read.pools.map((p) => ({
          BlockHash: hex0x(p.blockHash),
          StakeRewardDistributionRuleSet: p.rules.map(rewardDistributionToJson),
        })),
      };
    },
  };
}
