import { decodeTx, TxType } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { dec, hex0x, hexPlain } from "../json/encodings.ts";
import { decodeGoHex } from "../json/goHex.ts";
import type { RpcMethod } from "../registry.ts";
import { stringArg } from "./args.ts";
import { handlerError } from "./common.ts";

/** `theta.CallSmartContract` result. */
export interface CallSmartContractResult {
  readonly vm_return: string;
  readonly contract_address: string;
  readonly gas_used: string;
  readonly vm_error: string;
}

const Args = z.object({ sctx_bytes: stringArg });

/**
 * `theta.CallSmartContract {"sctx_bytes"}` (docs/interfaces.md §1.4 method 27, §7.4): dry-runs an
 * (unsigned is fine) SmartContractTx given as hex *without* `0x`. Only bad hex, an undecodable
 * or non-contract tx, and the chain's refusal are JSON-RPC errors; EVM failures come back in
 * `vm_error`. Before anything else, as the reference does, the call is refused with
 * `Smart contract feature not enabled until block height N.` when the block a dry run would
 * execute in (the view's height + 1) is below the profile's smart-contract height (mainnet:
 * 8411427; privatenet: 0, so never).
 */
export function callSmartContractMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.CallSmartContract",
    params: Args,
    summary: "dry-run a smart contract transaction (no state change): return value, gas used, error",
    handler: async (args): Promise<CallSmartContractResult> => {
      const fork = await chain.smartContractFork();
      if (fork.nextHeight < fork.enabledFrom) {
        throw handlerError(`Smart contract feature not enabled until block height ${fork.enabledFrom}.`);
      }
      const raw = decodeGoHex(args.sctx_bytes);
      let tx: ReturnType<typeof decodeTx>;
      try {
        tx = decodeTx(raw);
      } catch (e) {
        throw handlerError(`Failed to parse SmartContractTx, error: ${(e as Error).message}`);
      }
      if (tx.type !== TxType.SmartContract) {
        throw handlerError(`Failed to parse SmartContractTx: ${args.sctx_bytes}`);
      }
      const r = await chain.callContract(tx);
      if (!r.ok) throw handlerError(r.message);
      return {
        vm_return: hexPlain(r.value.vmReturn),
        contract_address: hex0x(r.value.contractAddress),
        gas_used: dec(r.value.gasUsed),
        vm_error: r.value.vmError,
      };
    },
  };
}
