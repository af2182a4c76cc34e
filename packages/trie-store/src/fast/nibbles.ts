/**
 * Nibble paths of the Merkle-Patricia trie: a key's bytes split into 4-bit halves (high first),
 * and go-ethereum's hex-prefix ("compact") encoding of a short node's path, whose first nibble
 * flags a leaf (bit 2) and an odd length (bit 1).
 */

/** The nibbles of `key`, high half first. */
export function keyToNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2);
  for (let i = 0; i < key.length; i++) {
    const b = key[i]!;
    out[2 * i] = b >> 4;
    out[2 * i + 1] = b & 0x0f;
  }
  return out;
}

/** Packs an even number of nibbles back into bytes. */
export function nibblesToKey(nibbles: Uint8Array): Uint8Array {
  const out = new Uint8Array(nibbles.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}

/** Length of the common prefix of `path` and `key[pos..]`. */
export function commonPrefix(path: Uint8Array, key: Uint8Array, pos: number): number {
  const max = Math.min(path.length, key.length - pos);
  let i = 0;
  while (i < max && path[i] === key[pos + i]) i++;
  return i;
}

/** True when `key[pos..]` equals `path` exactly. */
export function restEquals(path: Uint8Array, key: Uint8Array, pos: number): boolean {
  return key.length - pos === path.length && commonPrefix(path, key, pos) === path.length;
}

/** `a` followed by `b`. */
export function joinNibbles(a: Uint8Array | number, b: Uint8Array | number): Uint8Array {
  const head = typeof a === "number" ? Uint8Array.of(a) : a;
  const tail = typeof b === "number" ? Uint8Array.of(b) : b;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** Hex-prefix encoding of a nibble path (`leaf` sets the terminator flag). */
export function encodeHexPrefix(path: Uint8Array, leaf: boolean): Uint8Array {
  const odd = path.length & 1;
  const out = new Uint8Array((path.length >> 1) + 1);
  const flag = (leaf ? 2 : 0) + odd;
  out[0] = odd ? (flag << 4) | path[0]! : flag << 4;
  for (let i = odd, j = 1; i < path.length; i += 2, j++) out[j] = (path[i]! << 4) | path[i + 1]!;
  return out;
}

/** Decodes a hex-prefix path; undefined when the flag nibble is not one of 0–3 or padding is set. */
export function decodeHexPrefix(bytes: Uint8Array): { path: Uint8Array; leaf: boolean } | undefined {
  if (bytes.length === 0) return undefined;
  const flag = bytes[0]! >> 4;
  if (flag > 3) return undefined;
  const odd = flag & 1;
  if (!odd && (bytes[0]! & 0x0f) !== 0) return undefined;
  const path = new Uint8Array((bytes.length - 1) * 2 + odd);
  let j = 0;
  if (odd) path[j++] = bytes[0]! & 0x0f;
  for (let i = 1; i < bytes.length; i++) {
    path[j++] = bytes[i]! >> 4;
    path[j++] = bytes[i]! & 0x0f;
  }
  return { path, leaf: flag >= 2 };
}
