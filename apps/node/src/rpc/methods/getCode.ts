import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hexPlain } from "../json/encodings.ts";
import type { RpcMethod } from "../registry.ts";
import { stringArg, uint64Arg } from "./args.ts";
import { handlerError, lenientAddress, stateAt } from "./common.ts";

/** `theta.GetCode` result: the address as given and the code as hex without `0x`. */
export interface GetCodeResult {
  readonly address: string;
  readonly code: string;
}

const Args = z.object({ address: stringArg, height: uint64Arg });

/**
 * `theta.GetCode {"address","height"}` (docs/interfaces.md §1.4 method 21): "" when the account has
 * no code, or when no finalized block is stored at `height`.
 */
export function getCodeMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetCode",
    params: Args,
    summary: "a contract's code (hex without 0x)",
    handler: async (args): Promise<GetCodeResult> => {
      if (args.address === "") throw handlerError("address must be specified");
      const read = await chain.code(lenientAddress(args.address), stateAt(args.height));
      if (read.kind === "pruned") {
        throw handlerError(
          `the account details for height ${args.height} is not available, it might have been pruned`,
        );
      }
      return { address: args.address, code: read.kind === "found" ? hexPlain(read.value) : "" };
    },
  };
}
