/**
 * Fixed-size byte types. An Address is 20 bytes, a Hash 32; both are plain `Uint8Array`s whose
 * length the codecs check.
 */
import { BytesErrorCode, bytesToPrefixedHex, hexToFixedBytes } from "../bytes.ts";
import { ThetaError } from "../errors.ts";

/** A 20-byte account address. */
export type Address = Uint8Array;
/** A 32-byte hash. */
export type Hash = Uint8Array;

/** Bytes in an address. */
export const ADDRESS_LENGTH = 20;
/** Bytes in a hash. */
export const HASH_LENGTH = 32;

/** The all-zero address. */
export const ZERO_ADDRESS: Address = new Uint8Array(ADDRESS_LENGTH);
/** The all-zero hash. */
export const ZERO_HASH: Hash = new Uint8Array(HASH_LENGTH);

/** keccak256 of the empty string: the code hash of every externally owned account. */
export const EMPTY_CODE_HASH: Hash = hexToFixedBytes(
  "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
  HASH_LENGTH,
);
/** Root of an empty Merkle-Patricia trie. */
export const EMPTY_ROOT_HASH: Hash = hexToFixedBytes(
  "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
  HASH_LENGTH,
);
/** Code hash of a self-destructed contract: `dead` repeated. */
export const SELF_DESTRUCT_CODE_HASH: Hash = hexToFixedBytes("dead".repeat(16), HASH_LENGTH);

function requirePrefix(text: string, field: string): void {
  if (!text.startsWith("0x")) {
    throw new ThetaError(
      BytesErrorCode.InvalidHex,
      `${field}: expected a 0x prefix, got '${text.slice(0, 10)}'`,
      {
        details: { field },
      },
    );
  }
}

/** Strict form (typed JSON fields): `0x` and exactly 40 hex digits, either case. */
export function parseAddress(text: string, field = "address"): Address {
  requirePrefix(text, field);
  return hexToFixedBytes(text, ADDRESS_LENGTH, field);
}

/** Strict form of a hash: `0x` and exactly 64 hex digits, either case. */
export function parseHash(text: string, field = "hash"): Hash {
  requirePrefix(text, field);
  return hexToFixedBytes(text, HASH_LENGTH, field);
}

/**
 * Lenient form used for plain string RPC arguments (Go `HexToAddress`): optional prefix, any
 * case, odd length left-padded, longer input keeps the rightmost bytes.
 */
export function parseLenientBytes(text: string, length: number): Uint8Array {
  let body = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (body.length % 2 === 1) body = `0${body}`;
  const out = new Uint8Array(length);
  const raw = body.length === 0 ? new Uint8Array(0) : hexToFixedBytes(body, body.length / 2, "hex");
  const src = raw.length > length ? raw.subarray(raw.length - length) : raw;
  out.set(src, length - src.length);
  return out;
}

/** Lowercase `0x` form, the JSON form of addresses and hashes. */
export function formatHex(bytes: Uint8Array): string {
  return bytesToPrefixedHex(bytes);
}

/** ASCII bytes of `text` right-padded with zeros to 20 bytes (the reference tests' addresses). */
export function asciiAddress(text: string): Address {
  const out = new Uint8Array(ADDRESS_LENGTH);
  out.set(new TextEncoder().encode(text).subarray(0, ADDRESS_LENGTH));
  return out;
}
