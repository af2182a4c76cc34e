import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hexPlain } from "../json/encodings.ts";
import type { RpcMethod } from "../registry.ts";
import { stringArg, uint64Arg } from "./args.ts";
import { handlerError, lenientAddress, lenientHash, stateAt } from "./common.ts";

// `storage_positon` is the reference's spelling.
const Args = z.object({ address: stringArg, storage_positon: stringArg, height: uint64Arg });

/**
 * `theta.GetStorageAt {"address","storage_positon","height"}` (docs/interfaces.md §1.4 method 22):
 * `{"value":"<64 hex>"}`; "" when no finalized block is stored at `height`.
 */
export function getStorageAtMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetStorageAt",
    params: Args,
    summary: "one 32-byte storage word of a contract (member storage_positon, as the reference spells it)",
    handler: async (args): Promise<{ value: string }> => {
      if (args.address === "" || args.storage_positon === "") {
        throw handlerError(
          `address and storage_position must be specified, address: ${args.address}, storage_position: ${args.storage_positon}`,
        );
      }
      const key = lenientHash(args.storage_positon);
      const read = await chain.storageAt(lenientAddress(args.address), key, stateAt(args.height));
      if (read.kind === "pruned") {
        throw handlerError(
          `the account details for height ${args.height} is not available, it might have been pruned`,
        );
      }
      return { value: read.kind === "found" ? hexPlain(read.value) : "" };
    },
  };
}
