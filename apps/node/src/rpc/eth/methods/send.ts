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

/**
 * The mempool's refusal in the words Ethereum libraries recognise (ethers maps "nonce too low",
 * "insufficient funds" and "already known" to its error codes), with the ledger's text after it.
 */
export function ethereumText(code: string, message: string): string {
  if (code === "MEMPOOL_DUPLICATE") return `already known: ${message}`;
  const seq = /sequence: expected (\d+), got (\d+)/.exec(message);
  if (seq !== null && BigInt(seq[2]!) < BigInt(seq[1]!)) {
    return `nonce too low: next nonce ${BigInt(seq[1]!) - 1n}, tx nonce ${BigInt(seq[2]!) - 1n} (${message})`;
  }
  if (/exceed the account balance|balance below the value plus the fee limit/.test(message)) {
    return `insufficient funds for gas * price + value: ${message}`;
  }
  return message;
}

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
