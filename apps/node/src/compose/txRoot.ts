/**
 * A block's TxHash (consensus.md §1.2): the root of a Merkle-Patricia trie keyed by RLP(index)
 * holding the raw txs. The trie is never stored or updated, so its root is computed in one
 * recursive pass over the sorted keys (no node store, no per-insert rehashing): a leaf for a
 * single key, an extension for a shared nibble run, a 17-slot branch otherwise; a node whose
 * RLP is shorter than 32 bytes is embedded in its parent, any other is referenced by its keccak.
 */
import { blockTxTrieEntries, EMPTY_ROOT_HASH, type Hash, type RlpItem, rlpEncode } from "@theta/core-types";

/** keccak256 of bytes (the node's crypto backend). */
export type Keccak256 = (data: Uint8Array) => Uint8Array;

interface Entry {
  readonly nibbles: Uint8Array;
  readonly value: Uint8Array;
}

const EMPTY = new Uint8Array(0);

function toNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2);
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = key[i]! >> 4;
    out[2 * i + 1] = key[i]! & 0x0f;
  }
  return out;
}

function compareNibbles(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The hex-prefix encoding of `nibbles[from, to)` with the leaf flag. */
function hexPrefix(nibbles: Uint8Array, from: number, to: number, leaf: boolean): Uint8Array {
  const len = to - from;
  const odd = len & 1;
  const out = new Uint8Array((len >> 1) + 1);
  out[0] = ((leaf ? 2 : 0) + odd) << 4;
  let i = from;
  if (odd === 1) out[0] |= nibbles[i++]!;
  for (let j = 1; i < to; j++, i += 2) out[j] = (nibbles[i]! << 4) | nibbles[i + 1]!;
  return out;
}

/** The root of the tx trie of `txs` (the empty-trie root for none). */
export function txTrieRoot(txs: readonly Uint8Array[], keccak256: Keccak256): Hash {
  if (txs.length === 0) return EMPTY_ROOT_HASH;
  const entries: Entry[] = blockTxTrieEntries(txs).map((e) => ({
    nibbles: toNibbles(e.key),
    value: e.value,
  }));
  entries.sort((a, b) => compareNibbles(a.nibbles, b.nibbles));
  const ref = (node: RlpItem): RlpItem => {
    const enc = rlpEncode(node);
    return enc.length < 32 ? node : keccak256(enc);
  };
  // entries[lo, hi) share their first `depth` nibbles.
  const node = (lo: number, hi: number, depth: number): RlpItem => {
    const first = entries[lo]!;
    if (hi - lo === 1) return [hexPrefix(first.nibbles, depth, first.nibbles.length, true), first.value];
    // Sorted: the run shared by all is the one shared by the first and the last.
    const a = first.nibbles;
    const b = entries[hi - 1]!.nibbles;
    let p = depth;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    if (p > depth) return [hexPrefix(a, depth, p, false), ref(branch(lo, hi, p))];
    return branch(lo, hi, depth);
  };
  const branch = (lo: number, hi: number, depth: number): RlpItem => {
    const slots: RlpItem[] = new Array<RlpItem>(17).fill(EMPTY);
    let i = lo;
    // A key that ends here sorts first; its value sits in the branch's 17th slot.
    if (entries[i]!.nibbles.length === depth) slots[16] = entries[i++]!.value;
    while (i < hi) {
      const nib = entries[i]!.nibbles[depth]!;
      let j = i + 1;
      while (j < hi && entries[j]!.nibbles[depth] === nib) j++;
      slots[nib] = ref(node(i, j, depth + 1));
      i = j;
    }
    return slots;
  };
  return keccak256(rlpEncode(node(0, entries.length, 0)));
}
