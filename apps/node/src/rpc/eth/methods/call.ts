/**
 * `eth_call` and `eth_estimateGas` through the ledger's dry run (`theta.CallSmartContract`'s path):
 * the call object becomes an unsigned SmartContractTx (`from` the zero address when absent, the
 * value in TFuel wei, gas capped at the chain's per-tx maximum, gas price 0 unless given).
 */
import { type Hash, type SmartContractTx, TxType, ZERO_ADDRESS } from "@theta/core-types";
import type { ContractCallResult } from "../../chainQuery.ts";
import { handlerError } from "../../methods/common.ts";
import type { RpcMethod } from "../../registry.ts";
import type { EthChain } from "../ethChain.ts";
import { data, quantity } from "../ethHex.ts";
import { ethMethod } from "../ethMethod.ts";
import { type BlockSpec, type CallObject, callObjectArg, optionalBlockArg } from "../ethParams.ts";
import { evmFailure } from "../revertError.ts";

/** Intrinsic gas of the cheapest tx: the floor of the estimate's search. */
const TX_GAS = 21_000n;

function txOf(call: CallObject, gas: bigint): SmartContractTx {
  return {
    type: TxType.SmartContract,
    from: {
      address: call.from ?? ZERO_ADDRESS,
      coins: { thetaWei: 0n, tfuelWei: call.value ?? 0n },
      sequence: 1n,
      signature: new Uint8Array(0),
    },
    to: { address: call.to ?? ZERO_ADDRESS, coins: { thetaWei: 0n, tfuelWei: 0n } },
    gasLimit: gas,
    gasPrice: call.gasPrice ?? 0n,
    data: call.input ?? call.data ?? new Uint8Array(0),
  };
}

/** The block whose state a call runs on: undefined for the last finalized block. */
async function parentOf(chain: EthChain, spec: BlockSpec): Promise<Hash | undefined> {
  switch (spec.kind) {
    case "hash":
      return spec.hash;
    case "number": {
      const hash = await chain.finalizedHashAt(spec.number);
      if (hash === undefined) throw handlerError("header not found");
      return hash;
    }
    case "tag":
      if (spec.tag === "pending") return (await chain.tip())?.hash;
      if (spec.tag === "earliest") {
        const hash = await chain.finalizedHashAt(chain.earliestHeight());
        if (hash === undefined) throw handlerError("header not found");
        return hash;
      }
      return undefined;
  }
}

/** The call methods. */
export function callMethods(chain: EthChain): RpcMethod[] {
  const run = async (
    call: CallObject,
    gas: bigint,
    parent: Hash | undefined,
  ): Promise<ContractCallResult> => {
    const r = await chain.dryRun(txOf(call, gas), parent);
    if (!r.ok) throw handlerError(r.message);
    return r.value;
  };
  const capOf = async (call: CallObject): Promise<bigint> => {
    const max = await chain.maxGasLimit();
    return call.gas != null && call.gas < max ? call.gas : max;
  };
  return [
    ethMethod(
      "eth_call",
      "runs a call on a block's state without a tx; reverts are error 3 with the revert data",
      [
        ["transaction", callObjectArg],
        ["block", optionalBlockArg],
      ],
      async ([call, block]) => {
        const r = await run(call, await capOf(call), await parentOf(chain, block));
        if (r.vmError !== "") throw evmFailure(r.vmError, r.vmReturn);
        return data(r.vmReturn);
      },
    ),
    ethMethod(
      "eth_estimateGas",
      "the least gas limit with which the tx succeeds (Theta has no refunds)",
      [
        ["transaction", callObjectArg],
        ["block", optionalBlockArg],
      ],
      async ([call, block]) => {
        const parent = await parentOf(chain, block);
        const cap = await capOf(call);
        const full = await run(call, cap, parent);
        if (full.vmError !== "") {
          if (full.vmError === "out of gas" || full.vmError.includes("out of gas")) {
            throw handlerError(`gas required exceeds allowance (${cap})`);
          }
          throw evmFailure(full.vmError, full.vmReturn);
        }
        // Usually the gas used is enough; the 63/64 rule of nested calls can need more.
        let lo = full.gasUsed > TX_GAS ? full.gasUsed - 1n : TX_GAS - 1n;
        const first = await run(call, lo + 1n, parent);
        if (first.vmError === "") return quantity(lo + 1n);
        lo += 1n;
        let hi = cap;
        while (hi - lo > 1n) {
          const mid = (lo + hi) / 2n;
          if ((await run(call, mid, parent)).vmError === "") hi = mid;
          else lo = mid;
        }
        return quantity(hi);
      },
    ),
  ];
}
