import { blsAggregatePublicKeys, blsPublicKey, blsSecretKeyFromBytes } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregatePublicKeys } from "../src/index.ts";

const keys = Array.from({ length: 24 }, (_, i) => {
  const b = new Uint8Array(32);
  b[0] = 9;
  b[31] = i + 1;
  return blsPublicKey(blsSecretKeyFromBytes(b));
});

describe("aggregate public key Σ mᵢ·pkᵢ (buckets or bit slices)", () => {
  it("equals the crypto package's per-key double-and-add for any multiplicities", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 3000 })), {
          minLength: 1,
          maxLength: keys.length,
        }),
        (ms) => {
          fc.pre(ms.some((m) => m > 0));
          const ks = keys.slice(0, ms.length);
          const ours = aggregatePublicKeys(ks, Uint32Array.from(ms));
          expect(ours.bytes).toEqual(blsAggregatePublicKeys(ks, ms).bytes);
        },
      ),
      { numRuns: 40 },
    );
  });
});
