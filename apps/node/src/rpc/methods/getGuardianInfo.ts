import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hexPlain } from "../json/encodings.ts";
import type { RpcMethod } from "../registry.ts";
import { checksumAddress } from "./common.ts";

/** `theta.GetGuardianInfo` result: hex without `0x`, the address in EIP-55 form. */
export interface GetGuardianInfoResult {
  readonly BLSPubkey: string;
  readonly BLSPop: string;
  readonly Address: string;
  readonly Signature: string;
}

const Args = z.object({});

/** `theta.GetGuardianInfo {}` (docs/interfaces.md §1.4 method 15). */
export function getGuardianInfoMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetGuardianInfo",
    params: Args,
    summary: "the node's BLS public key, proof of possession and its signature, for staking as a guardian",
    handler: async (): Promise<GetGuardianInfoResult> => {
      const g = await chain.guardianInfo();
      return {
        BLSPubkey: hexPlain(g.blsPubkey),
        BLSPop: hexPlain(g.blsPop),
        Address: checksumAddress(g.address),
        Signature: hexPlain(g.signature),
      };
    },
  };
}
