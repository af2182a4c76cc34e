/**
 * A memo of signature checks. Whether a signature verifies depends only on the message, the
 * signature and the address, never on the state, so a node that screened a tx in its mempool
 * need not recover the same signature again when the tx comes back in a block or in the
 * re-check after each block. Bounded: the oldest entries go first.
 */
import { equalBytes } from "@theta/core-types";
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
  const verified = createCheckMemo<boolean>(capacity);
  const recovered = createCheckMemo<Uint8Array | undefined>(capacity);
  const cached: ThetaCrypto = {
    ...crypto,
    verify(message, signature, address) {
      const hit = verified.get(signature, message, address);
      if (hit !== undefined) return hit.result;
      const ok = crypto.verify(message, signature, address);
      verified.set(signature, message, address, ok);
      return ok;
    },
    recoverEthAddress(signingHash, signature) {
      const hit = recovered.get(signature, signingHash, NONE);
      if (hit !== undefined) return hit.result;
      const address = crypto.recoverEthAddress(signingHash, signature);
      recovered.set(signature, signingHash, NONE, address);
      return address;
    },
  };
  primers.set(cached, {
    prime(message, signature, address, ok) {
      verified.set(signature, message, address, ok);
    },
    knows: (message, signature, address) => verified.get(signature, message, address) !== undefined,
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

const NONE = new Uint8Array(0);

/** A remembered check: the exact inputs besides the signature, and what came out. */
interface Check<R> {
  readonly message: Uint8Array;
  readonly address: Uint8Array;
  readonly result: R;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a === b || equalBytes(a, b);

/**
 * Checks by signature. A hit needs the same message and address, byte for byte (a signature
 * copied onto another message misses and replaces the entry). Two tiers: by the signature's array
 * (the same decoded tx comes back from admission, the preverifier and the executor: no key to
 * build) and, bounded to `capacity`, by the signature's bytes (the same tx decoded twice).
 */
function createCheckMemo<R>(capacity: number) {
  const byArray = new WeakMap<Uint8Array, Check<R>>();
  const byBytes = new Map<string, Check<R>>();
  return {
    get(signature: Uint8Array, message: Uint8Array, address: Uint8Array): Check<R> | undefined {
      const hit = byArray.get(signature) ?? byBytes.get(bytesKey(signature));
      return hit !== undefined && sameBytes(hit.message, message) && sameBytes(hit.address, address)
        ? hit
        : undefined;
    },
    set(signature: Uint8Array, message: Uint8Array, address: Uint8Array, result: R): void {
      const check: Check<R> = { message, address, result };
      byArray.set(signature, check);
      const key = bytesKey(signature);
      if (!byBytes.has(key) && byBytes.size >= capacity) {
        const oldest = byBytes.keys().next();
        if (oldest.done !== true) byBytes.delete(oldest.value);
      }
      byBytes.set(key, check);
    },
  };
}

// One character per byte: WHATWG's "latin1" (windows-1252) decoder maps the 256 byte values to 256
// distinct characters, so distinct byte strings give distinct keys.
const byteChars = new TextDecoder("latin1");

/** A string holding exactly the bytes of `b`. */
function bytesKey(b: Uint8Array): string {
  return byteChars.decode(b);
}
