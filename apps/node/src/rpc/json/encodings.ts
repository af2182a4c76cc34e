/** Value encodings of the RPC's JSON (docs/interfaces.md §1.3) used by the result builders. */
import { Buffer } from "node:buffer";
import { bytesToHex, bytesToPrefixedHex } from "@theta/core-types";

/** `0x` + lowercase hex: addresses, hashes, signatures. */
export const hex0x = (bytes: Uint8Array): string => bytesToPrefixedHex(bytes);

/** Lowercase hex without a prefix (Go `hex.EncodeToString`): codes, storage words, vm_return. */
export const hexPlain = (bytes: Uint8Array): string => bytesToHex(bytes);

/** Standard padded base64 (Go's encoding of a `[]byte` member). */
export const base64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

/** A decimal string (`JSONUint64`, `JSONBig`). */
export const dec = (v: bigint): string => v.toString(10);
