/**
 * Typed views of decoded items, with the strictness of Go's reflection decoder for each Go type.
 * Every failure names the field. Byte results are copies, never views of the input.
 */
import { ThetaError } from "../errors.ts";
import { RlpErrorCode } from "./errors.ts";
import { isRlpList, type RlpItem } from "./item.ts";

function fieldError(code: RlpErrorCode, field: string, message: string): never {
  throw new ThetaError(code, `${field}: ${message}`, { details: { field } });
}

function asString(item: RlpItem, field: string): Uint8Array {
  if (isRlpList(item)) fieldError(RlpErrorCode.WrongKind, field, "expected an RLP string, got a list");
  return item;
}

function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < b.length; i++) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

/** An unsigned integer of at most `bits` bits (Go uint8/16/32/64): canonical, no leading zero. */
export function decodeUint(item: RlpItem, field: string, bits: 8 | 16 | 32 | 64): bigint {
  const b = asString(item, field);
  if (b.length > 0 && b[0] === 0)
    fieldError(RlpErrorCode.NonCanonicalInt, field, "integer has a leading zero byte");
  if (b.length > bits / 8)
    fieldError(RlpErrorCode.IntOverflow, field, `integer of ${b.length} bytes overflows uint${bits}`);
  return bytesToBigInt(b);
}

/** A uint64 as a JavaScript number, for counts and indices that must fit 2^53. */
export function decodeSmallUint(item: RlpItem, field: string): number {
  const v = decodeUint(item, field, 64);
  if (v > BigInt(Number.MAX_SAFE_INTEGER))
    fieldError(RlpErrorCode.IntOverflow, field, `integer ${v} is too large`);
  return Number(v);
}

/** An unbounded non-negative integer (Go *big.Int): no leading zero byte. */
export function decodeBigInt(item: RlpItem, field: string): bigint {
  const b = asString(item, field);
  if (b.length > 0 && b[0] === 0)
    fieldError(RlpErrorCode.NonCanonicalInt, field, "integer has a leading zero byte");
  return bytesToBigInt(b);
}

/** A Go bool: only 0x80 (false) and 0x01 (true). */
export function decodeBool(item: RlpItem, field: string): boolean {
  const b = asString(item, field);
  if (b.length === 0) return false;
  if (b.length === 1 && b[0] === 1) return true;
  return fieldError(RlpErrorCode.InvalidBool, field, "expected a boolean (0x80 or 0x01)");
}

/** A fixed-size byte array (Address: 20, Hash: 32): exactly `length` bytes. */
export function decodeFixedBytes(item: RlpItem, length: number, field: string): Uint8Array {
  const b = asString(item, field);
  if (b.length !== length) {
    fieldError(
      RlpErrorCode.WrongLength,
      field,
      `expected ${length} bytes, got ${b.length} (input string too ${b.length < length ? "short" : "long"})`,
    );
  }
  return b.slice();
}

/** A byte string of any length. */
export function decodeBytes(item: RlpItem, field: string): Uint8Array {
  return asString(item, field).slice();
}

const textDecoder = new TextDecoder();

/** A Go string (bytes read as UTF-8). */
export function decodeString(item: RlpItem, field: string): string {
  return textDecoder.decode(asString(item, field));
}

/** A list; with `expectedLength`, exactly that many elements (a Go struct). */
export function decodeList(item: RlpItem, field: string, expectedLength?: number): readonly RlpItem[] {
  if (!isRlpList(item)) fieldError(RlpErrorCode.WrongKind, field, "expected an RLP list, got a string");
  if (expectedLength !== undefined && item.length !== expectedLength) {
    fieldError(
      RlpErrorCode.WrongElementCount,
      field,
      `expected a list of ${expectedLength} elements, got ${item.length} (${item.length < expectedLength ? "too few" : "too many"} elements)`,
    );
  }
  return item;
}
