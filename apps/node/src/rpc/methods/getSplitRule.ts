import { splitRuleToJson } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import type { RpcMethod } from "../registry.ts";
import { stringArg } from "./args.ts";
import { handlerError } from "./common.ts";

const Args = z.object({ resource_id: stringArg });

/**
 * `theta.GetSplitRule {"resource_id"}` (docs/interfaces.md §1.4 method 3): the rule in the delivered
 * view, or `{}` when there is none.
 */
export function getSplitRuleMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetSplitRule",
    params: Args,
    summary: "the split rule of a resource id (empty object when none)",
    handler: async (args) => {
      if (args.resource_id === "") throw handlerError("ResourceID must be specified");
      const rule = await chain.splitRule(args.resource_id);
      return rule === undefined ? {} : splitRuleToJson(rule);
    },
  };
}
