/**
 * The root of a trie built from a whole set of entries at once (a block's tx trie): one recursive
 * pass over the keys in nibble order, with no node store and no per-insert rehashing. A single key
 * below a point is a leaf, a nibble run shared by every key an extension, anything else a 17-slot
 * branch; a node whose RLP is shorter than 32 bytes is embedded in its parent, any other is
 * referenced by its keccak. Gives the root the stored tries give for the same entries.
 */
import { EMPTY_ROOT_HASH, type Hash, type RlpItem, rlpEncode, ThetaError } from "@theta/core-types";
import { TrieStoreErrorCode } from "../errors.ts";
import { encodeHexPrefix, keyToNibbles } from "./nibbles.ts";

/** One entry of `trieRootOf`: distinct keys, non-empty values (an empty value means no entry). */
export interface TrieEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

const EMPTY = new Uint8Array(0);

function compareNibbles(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The root of the trie holding `entries` (the empty-trie root for none). */
export function trieRootOf(entries: readonly TrieEntry[], keccak256: (data: Uint8Array) => Uint8Array): Hash {
  const sorted = entries
    .filter((e) => e.value.length > 0)
    .map((e) => ({ nibbles: keyToNibbles(e.key), value: e.value }))
    .sort((a, b) => compareNibbles(a.nibbles, b.nibbles));
  if (sorted.length === 0) return EMPTY_ROOT_HASH;
  for (let i = 1; i < sorted.length; i++) {
    if (compareNibbles(sorted[i - 1]!.nibbles, sorted[i]!.nibbles) === 0) {
      throw new ThetaError(TrieStoreErrorCode.DuplicateKey, "trieRootOf: entries: expected distinct keys");
    }
  }
  const ref = (node: RlpItem): RlpItem => {
    const enc = rlpEncode(node);
    return enc.length < 32 ? node : keccak256(enc);
  };
  const node = (lo: number, hi: number, depth: number): RlpItem => {
    const first = sorted[lo]!;
    if (hi - lo === 1) return [encodeHexPrefix(first.nibbles.subarray(depth), true), first.value];
    // Sorted: the run shared by all is the one shared by the first and the last.
    const a = first.nibbles;
    const b = sorted[hi - 1]!.nibbles;
    let p = depth;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    if (p > depth) return [encodeHexPrefix(a.subarray(depth, p), false), ref(branch(lo, hi, p))];
    return branch(lo, hi, depth);
  };
  const branch = (lo: number, hi: number, depth: number): RlpItem => {
    const slots: RlpItem[] = new Array<RlpItem>(17).fill(EMPTY);
    let i = lo;
    // A key that ends here sorts first; its value sits in the branch's 17th slot.
    if (sorted[i]!.nibbles.length === depth) slots[16] = sorted[i++]!.value;
    while (i < hi) {
      const nib = sorted[i]!.nibbles[depth]!;
      let j = i + 1;
      while (j < hi && sorted[j]!.nibbles[depth] === nib) j++;
      slots[nib] = ref(node(i, j, depth + 1));
      i = j;
    }
    return slots;
  };
  return keccak256(rlpEncode(node(0, sorted.length, 0)));
}
