/**
 * Contract storage values (docs/ledger.md §9.4): the 32-byte word with leading zero bytes stripped,
 * as an RLP string; the zero word is stored as the empty value (a delete).
 */
import { decodeBytes, rlpDecode, rlpEncode, ThetaError } from "@theta/core-types";
import { StateErrorCode } from "./errors.ts";

const WORD = 32;

/** Encodes a storage word (≤ 32 bytes, big-endian) for the storage trie; empty for zero. */
export function encodeStorageWord(word: Uint8Array): Uint8Array {
  if (word.length > WORD) {
    throw new ThetaError(
      StateErrorCode.BadStorageWord,
      `storage word: expected at most ${WORD} bytes, got ${word.length}`,
      { details: { length: word.length } },
    );
  }
  let i = 0;
  while (i < word.length && word[i] === 0) i++;
  if (i === word.length) return new Uint8Array(0);
  return rlpEncode(word.subarray(i));
}

/** Decodes a stored storage value back to a 32-byte word (left-padded with zeros). */
export function decodeStorageWord(stored: Uint8Array): Uint8Array {
  const out = new Uint8Array(WORD);
  if (stored.length === 0) return out;
  const raw = decodeBytes(rlpDecode(stored), "storage.value");
  if (raw.length > WORD) {
    throw new ThetaError(
      StateErrorCode.BadStorageWord,
      `storage value: expected at most ${WORD} bytes, got ${raw.length}`,
      { details: { length: raw.length } },
    );
  }
  out.set(raw, WORD - raw.length);
  return out;
}
