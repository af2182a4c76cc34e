import { type AccountJson, accountToJson } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import type { RpcMethod } from "../registry.ts";
import { boolArg, stringArg, uint64Arg } from "./args.ts";
import { checksumAddress, handlerError, lenientAddress, stateAt } from "./common.ts";

const Args = z.object({ name: stringArg, address: stringArg, height: uint64Arg, preview: boolArg });

/**
 * `theta.GetAccount {"address","height","preview"}` (docs/interfaces.md §1.4 method 2): the account
 * JSON without an `address` member; height 0 reads the latest finalized (or, with `preview`,
 * the screened) state, any other height the state of the finalized block at that height.
 */
export function getAccountMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetAccount",
    params: Args,
    summary: "an account's sequence, balances, reserved funds, storage root and code hash",
    handler: async (args): Promise<AccountJson> => {
      if (args.address === "") throw handlerError("Address must be specified");
      const address = lenientAddress(args.address);
      const shown = checksumAddress(address);
      const read = await chain.account(address, stateAt(args.height, args.preview));
      switch (read.kind) {
        case "noBlocks":
          throw handlerError("Historical data at given height is not available on current node");
        case "pruned":
          throw handlerError(
            `the account details for height ${args.height} is not available, it might have been pruned`,
          );
        case "notFinalized":
          throw handlerError(`Account with address ${shown} at height ${args.height} is not found`);
        case "found":
          if (read.value === undefined) throw handlerError(`Account with address ${shown} is not found`);
          return accountToJson(read.value);
      }
    },
  };
}
