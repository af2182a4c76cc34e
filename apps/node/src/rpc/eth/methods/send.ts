/**
 * `eth_sendRawTransaction`: a signed legacy (type 0, EIP-155 with this chain's id) Ethereum tx
 * becomes a SmartContractTx in the mempool; the result is keccak256 of the submitted bytes, the
 * hash blocks, receipts and logs show it under. Typed transactions (EIP-2930, EIP-1559, …) are
 * refused with a message saying what is accepted.
 */

import { handlerError } from "../../methods/common.ts";
import type { RpcMethod } from "../../registry.ts";
import { RpcError, RpcErrorCode } from "../../rpcError.ts";
import type { EthChain } from "../ethChain.ts";
import { data } from "../ethHex.ts";
import { ethMethod } from "../ethMethod.ts";
import { dataArg } from "../ethParams.ts";

const TYPED =
  "only legacy (type 0) transactions are accepted: Theta blocks have no base fee, sign with a gasPrice (EIP-155, chain id";

/** The send method. */
export function sendMethods(chain: EthChain): RpcMethod[] {
  return [
    ethMethod(
      "eth_sendRawTransaction",
      "submits a signed legacy Ethereum tx",
      [["signedTransaction", dataArg]],
      async ([raw]) => {
        if (raw.length === 0)
          throw new RpcError(
            RpcErrorCode.InvalidParams,
            "invalid argument 0 (signedTransaction): empty transaction",
          );
        const first = raw[0]!;
        if (first < 0x7f) {
          const kind =
            first === 1 ? "EIP-2930" : first === 2 ? "EIP-1559" : first === 3 ? "EIP-4844" : `type ${first}`;
          throw handlerError(
            `transaction type not supported: ${kind}; ${TYPED} ${await chain.evmChainId()})`,
          );
        }
        const r = await chain.query.broadcastEthTx(raw, { wait: false });
        if (!r.ok) throw handlerError(r.message);
        return data(r.value.ethHash);
      },
    ),
  ];
}
