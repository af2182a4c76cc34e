/** Helpers shared by the chain-backed `theta.*` methods. */
import type { Address, Hash } from "@theta/core-types";
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

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * Go's `HexToAddress` / `HexToHash` for plain string arguments: an optional `0x`/`0X`, any
 * case, an odd length left-padded with 0; decoding stops at the first pair that is not hex
 * (the bytes before it are kept, as Go's `FromHex` does); the rightmost `length` bytes are
 * kept, left-padded with zeros.
 */
export function lenientBytes(text: string, length: number): Uint8Array {
  let body =
    text.length >= 2 && text[0] === "0" && (text[1] === "x" || text[1] === "X") ? text.slice(2) : text;
  if (body.length % 2 === 1) body = `0${body}`;
  const decoded: number[] = [];
  for (let i = 0; i + 1 < body.length; i += 2) {
    const hi = nibble(body.charCodeAt(i));
    const lo = nibble(body.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) break;
    decoded.push((hi << 4) | lo);
  }
  const out = new Uint8Array(length);
  const kept = decoded.length > length ? decoded.slice(decoded.length - length) : decoded;
  out.set(kept, length - kept.length);
  return out;
}

/** A plain-string address argument. */
export const lenientAddress = (text: string): Address => lenientBytes(text, 20);

/** A plain-string hash argument. */
export const lenientHash = (text: string): Hash => lenientBytes(text, 32);

/** Height 0 reads the latest finalized state; any other height that height's finalized block. */
export function stateAt(height: bigint, preview = false): StateAt {
  return height === 0n ? { kind: "latest", preview } : { kind: "height", height };
}

/** True when every byte is zero (Go's `Hash.IsEmpty()`). */
export function isZero(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false;
  return true;
}
