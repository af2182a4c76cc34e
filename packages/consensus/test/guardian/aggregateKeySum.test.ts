import { blsAggregatePublicKeys, blsPublicKey, blsSecretKeyFromBytes } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { aggregatePublicKeys } from "../../src/guardian/aggregateKeys.ts";

/** Σ mᵢ·pkᵢ by both strategies (buckets for small, dense multiplicities; bit slices otherwise). */
const keys = Array.from({ length: 8 }, (_, i) => {
  const b = new Uint8Array(32);
  b[0] = 0x4d;
  b[31] = i + 1;
  return blsPublicKey(blsSecretKeyFromBytes(b));
});

describe("aggregate public key", () => {
  for (const ms of [
    [7, 7, 7, 7, 7, 7, 7, 7], // buckets
    [3, 3, 3, 3, 3, 3, 2, 1], // buckets
    [5, 0, 6, 7, 7, 7, 3, 7], // buckets, with a gap
    [1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 1000], // bit slices
    [1, 2, 4, 8, 16, 0, 0, 1],
  ]) {
    it(`matches double-and-add for ${ms.join(",")}`, () => {
      expect(aggregatePublicKeys(keys, Uint32Array.from(ms)).bytes).toEqual(
        blsAggregatePublicKeys(keys, ms).bytes,
      );
    });
  }
});
