/**
 * Deterministic randomness of the reward draw (docs/ledger.md §8.4): `HashRand(seed)` is the byte
 * stream K1 ‖ K2 ‖ … with K1 = keccak(keccak(seed)) and K(j+1) = keccak(Kj), read sequentially;
 * `randInt` is Go's `crypto/rand.Int` over such a stream (rejection sampling on masked bytes).
 */

/** keccak256, as the ledger's crypto provides it. */
export type Keccak256 = (data: Uint8Array) => Uint8Array;

/** A sequential reader of a deterministic byte stream. */
export interface ByteStream {
  /** The next `n` bytes of the stream. */
  read(n: number): Uint8Array;
}

/** The HashRand stream of `seed`. */
export function createHashRand(keccak: Keccak256, seed: Uint8Array): ByteStream {
  let block = keccak(seed);
  let remaining: Uint8Array = new Uint8Array(0);
  return {
    read(n) {
      const out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        if (remaining.length === 0) {
          block = keccak(block);
          remaining = block;
        }
        const take = Math.min(n - filled, remaining.length);
        out.set(remaining.subarray(0, take), filled);
        remaining = remaining.subarray(take);
        filled += take;
      }
      return out;
    },
  };
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** A uniform integer in [0, max) drawn from `stream` as Go's `crypto/rand.Int` does (max > 0). */
export function randInt(stream: ByteStream, max: bigint): bigint {
  const bits = bitLength(max - 1n);
  if (bits === 0) return 0n;
  const k = Math.ceil(bits / 8);
  const top = bits % 8 === 0 ? 8 : bits % 8;
  for (;;) {
    const b = stream.read(k);
    b[0] = b[0]! & ((1 << top) - 1);
    let v = 0n;
    for (const x of b) v = (v << 8n) | BigInt(x);
    if (v < max) return v;
  }
}
