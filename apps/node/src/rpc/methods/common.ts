/** Helpers shared by the chain-backed `theta.*` methods. */
import { type Address, goHexToBytes, type Hash } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { StateAt } from "../chainQuery.ts";
import { RpcError, RpcErrorCode } from "../rpcError.ts";

/** A handler failure: JSON-RPC -32000 with the reference's message. */
export function handlerError(message: string): RpcError {
  return new RpcError(RpcErrorCode.HandlerError, message);
}

/** EIP-55 display form (`0x` + mixed case), as Go's `Address.Hex()`. */
export function checksumAddress(address: Address): string {
  return defaultCrypto.toChecksumAddress(address);
}

/** A plain-string address argument. */
export const lenientAddress = (text: string): Address => goHexToBytes(text, 20);

/** A plain-string hash argument. */
export const lenientHash = (text: string): Hash => goHexToBytes(text, 32);

/** Height 0 reads the latest finalized state; any other height that height's finalized block. */
export function stateAt(height: bigint, preview = false): StateAt {
  return height === 0n ? { kind: "latest", preview } : { kind: "height", height };
}

/** True when every byte is zero (Go's `Hash.IsEmpty()`). */
export function isZero(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false;
  return true;
}
