/**
 * A memo of signature checks. Whether a signature verifies depends only on the message, the
 * signature and the address, never on the state, so a node that screened a tx in its mempool
 * need not recover the same signature again when the tx comes back in a block or in the
 * re-check after each block. Bounded: the oldest entries go first.
 */
import type { ThetaCrypto } from "@theta/crypto";

/** Each cached crypto's way to record a check done elsewhere and to tell whether it knows one. */
interface Primer {
  prime(message: Uint8Array, signature: Uint8Array, address: Uint8Array, ok: boolean): void;
  knows(message: Uint8Array, signature: Uint8Array, address: Uint8Array): boolean;
}
const primers = new WeakMap<ThetaCrypto, Primer>();

/**
 * `crypto` with `verify` and `recoverEthAddress` memoized in a cache of `capacity` entries. A
 * crypto that already carries a cache is returned as it is, so several ledgers (e.g. the node's
 * main one and its screening ones) share one cache when given the same cached crypto.
 */
export function withSignatureCache(crypto: ThetaCrypto, capacity: number): ThetaCrypto {
  if (capacity <= 0 || primers.has(crypto)) return crypto;
  const verified = new Map<string, boolean>();
  const recovered = new Map<string, Uint8Array | undefined>();
  const remember = <T>(map: Map<string, T>, key: string, value: T): T => {
    if (map.size >= capacity) {
      const oldest = map.keys().next();
      if (oldest.done !== true) map.delete(oldest.value);
    }
    map.set(key, value);
    return value;
  };
  const keyOf = (...parts: Uint8Array[]) => exactKey(parts);
  const cached: ThetaCrypto = {
    ...crypto,
    verify(message, signature, address) {
      const key = keyOf(message, signature, address);
      const hit = verified.get(key);
      return hit ?? remember(verified, key, crypto.verify(message, signature, address));
    },
    recoverEthAddress(signingHash, signature) {
      const key = keyOf(signingHash, signature);
      if (recovered.has(key)) return recovered.get(key);
      return remember(recovered, key, crypto.recoverEthAddress(signingHash, signature));
    },
  };
  primers.set(cached, {
    prime(message, signature, address, ok) {
      remember(verified, keyOf(message, signature, address), ok);
    },
    knows: (message, signature, address) => verified.has(keyOf(message, signature, address)),
  });
  return cached;
}

/**
 * Records the outcome of `crypto.verify(message, signature, address)` computed elsewhere (e.g. by
 * a `SignatureBatchVerifier` on other threads) in the cache of `crypto`. False when `crypto` has no
 * cache (the result is then not kept).
 */
export function primeSignatureCache(
  crypto: ThetaCrypto,
  message: Uint8Array,
  signature: Uint8Array,
  address: Uint8Array,
  ok: boolean,
): boolean {
  const primer = primers.get(crypto);
  primer?.prime(message, signature, address, ok);
  return primer !== undefined;
}

/** True when `crypto`'s signature cache already holds the outcome of this check. */
export function signatureCacheKnows(
  crypto: ThetaCrypto,
  message: Uint8Array,
  signature: Uint8Array,
  address: Uint8Array,
): boolean {
  return primers.get(crypto)?.knows(message, signature, address) ?? false;
}

// One character per byte: WHATWG's "latin1" (windows-1252) decoder maps the 256 byte values to 256
// distinct characters, so distinct byte strings give distinct keys.
const byteChars = new TextDecoder("latin1");

/**
 * The cache key of a check: every byte of every part, each part length-prefixed so that different
 * splits never collide. Exact rather than a digest (no hashing per lookup): a hit needs the same
 * message, signature and address, byte for byte.
 */
function exactKey(parts: readonly Uint8Array[]): string {
  let size = 0;
  for (const p of parts) size += 4 + p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    const n = p.length;
    out[at] = n >>> 24;
    out[at + 1] = (n >>> 16) & 0xff;
    out[at + 2] = (n >>> 8) & 0xff;
    out[at + 3] = n & 0xff;
    out.set(p, at + 4);
    at += 4 + n;
  }
  return byteChars.decode(out);
}
