/**
 * A memo of signature checks. Whether a signature verifies depends only on the message, the
 * signature and the address, never on the state, so a node that screened a tx in its mempool
 * need not recover the same signature again when the tx comes back in a block or in the
 * re-check after each block. Bounded: the oldest entries go first.
 */
import { bytesToHex, concatBytes } from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";

/** Each cached crypto's way to record a check done elsewhere (a batch on worker threads). */
const primers = new WeakMap<
  ThetaCrypto,
  (message: Uint8Array, signature: Uint8Array, address: Uint8Array, ok: boolean) => void
>();

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
  // Each part is length-prefixed so that different (message, signature) splits never collide.
  const keyOf = (...parts: Uint8Array[]) =>
    bytesToHex(crypto.keccak256(concatBytes(...parts.flatMap((p) => [lengthPrefix(p.length), p]))));
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
  primers.set(cached, (message, signature, address, ok) => {
    remember(verified, keyOf(message, signature, address), ok);
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
  const prime = primers.get(crypto);
  prime?.(message, signature, address, ok);
  return prime !== undefined;
}

function lengthPrefix(n: number): Uint8Array {
  return new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}
