/**
 * EVM failures of `eth_call` / `eth_estimateGas` as Ethereum clients expect them: a revert is
 * JSON-RPC error 3, `execution reverted[: <reason>]`, with the revert bytes as `data` (ethers and
 * viem decode reasons and custom errors from them); any other EVM error is -32000 with its text.
 */
import { RpcError, RpcErrorCode } from "../rpcError.ts";
import { bytesToBigInt, data } from "./ethHex.ts";

/** The JSON-RPC code clients read as "execution reverted". */
export const REVERT_CODE = 3;

/** Theta's vm_error text of a REVERT. */
export const VM_REVERTED = "evm: execution reverted";

/** The reason of an `Error(string)` revert payload, if that is what `bytes` holds. */
export function revertReason(bytes: Uint8Array): string | undefined {
  // selector 0x08c379a0, then offset, length and the UTF-8 text.
  if (bytes.length < 68 || bytes[0] !== 0x08 || bytes[1] !== 0xc3 || bytes[2] !== 0x79 || bytes[3] !== 0xa0) {
    return undefined;
  }
  const offset = bytesToBigInt(bytes.subarray(4, 36));
  if (offset + 32n > BigInt(bytes.length - 4)) return undefined;
  const start = 4 + Number(offset);
  const length = bytesToBigInt(bytes.subarray(start, start + 32));
  if (BigInt(start + 32) + length > BigInt(bytes.length)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(
      bytes.subarray(start + 32, start + 32 + Number(length)),
    );
  } catch {
    return undefined;
  }
}

/** The error of a failed dry run. */
export function evmFailure(vmError: string, returned: Uint8Array): RpcError {
  if (vmError === VM_REVERTED) {
    const reason = revertReason(returned);
    const message = reason === undefined ? "execution reverted" : `execution reverted: ${reason}`;
    return new RpcError(REVERT_CODE as RpcErrorCode, message, data(returned));
  }
  return new RpcError(RpcErrorCode.HandlerError, vmError);
}
