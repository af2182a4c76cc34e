import { bytesToHex, eenVoteSignBytes } from "@theta/core-types";
import { blsPublicKey, thetaHashToG2 } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEenKeyBlocks, KEY_BLOCK_SIZE } from "../../src/een/keyBlocks.ts";
import { projectiveKeySum } from "../../src/een/projectiveKeySum.ts";
import {
  createBlsEenCrypto,
  type EenAggregate,
  type EenEntry,
  EenRejection,
  type EenSignature,
  type HeldAggregate,
  openEenCheckpoint,
  verifyEenAggregate,
} from "../../src/index.ts";

const fast = createBlsEenCrypto();
const naive = createBlsEenCrypto({ keySum: projectiveKeySum });
/** Two full blocks and a partial one. */
const N = 2 * KEY_BLOCK_SIZE + 10;
const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
const sk = (i: number): bigint => 0x5eed0000n + BigInt(i) * 7919n;
const pks = Array.from({ length: N }, (_, i) => blsPublicKey({ scalar: sk(i) }));
const entries: EenEntry[] = pks.map((pk) => ({ stake: 1n, key: fast.publicKey(pk.bytes), weight: 1 }));
const hexOf = (k: unknown): string | undefined =>
  k === undefined ? undefined : bytesToHex((k as { bytes: Uint8Array }).bytes);

describe("EEN key block sums: the planned key equals the naive per-signer sum", () => {
  it("on random vectors, dense and sparse, with multiplicities (fast-check)", () => {
    const blocks = createEenKeyBlocks(fast);
    const m = fc.oneof(
      fc.constant(0),
      fc.constant(1),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 2 ** 32 - 1 }),
    );
    const dense = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: m }), {
      minLength: N,
      maxLength: N,
    });
    const sparse = fc.array(m, { minLength: N, maxLength: N });
    fc.assert(
      fc.property(fc.oneof(dense, sparse), (v) => {
        const at = v.flatMap((x, i) => (x === 0 ? [] : [i]));
        const ms = at.map((i) => v[i] as number);
        const plan = blocks.plan(
          at.map((i) => entries[i] as EenEntry),
          ms,
        );
        expect(hexOf(fast.combineKeys(undefined, plan.keys, plan.weights))).toBe(
          hexOf(
            naive.combineKeys(
              undefined,
              at.map((i) => entries[i]?.key as EenEntry["key"]),
              ms,
            ),
          ),
        );
      }),
      { numRuns: 40 },
    );
    expect(blocks.stats()).toEqual({ indexed: N, blockSums: 2 });
  });

  it("a full vector of multiplicity 1 costs one term per full block plus the partial block, from its second sight", () => {
    const blocks = createEenKeyBlocks(fast);
    const ones = entries.map(() => 1);
    // The first dense sight is summed plainly; the second builds the block sums and uses them.
    expect(blocks.plan(entries, ones).keys.length).toBe(N);
    expect(blocks.stats().blockSums).toBe(0);
    const plan = blocks.plan(entries, ones);
    expect(blocks.stats().blockSums).toBe(2);
    expect(plan.keys.length).toBe(2 + (N - 2 * KEY_BLOCK_SIZE));
    expect(hexOf(fast.combineKeys(undefined, plan.keys, plan.weights))).toBe(
      hexOf(
        naive.combineKeys(
          undefined,
          entries.map((e) => e.key),
          ones,
        ),
      ),
    );
    // An empty vector plans nothing; an entry named twice is still counted twice.
    expect(blocks.plan([], []).keys).toEqual([]);
    const twice = [...entries.slice(0, KEY_BLOCK_SIZE), entries[0] as EenEntry];
    const p2 = blocks.plan(
      twice,
      twice.map(() => 1),
    );
    expect(hexOf(fast.combineKeys(undefined, p2.keys, p2.weights))).toBe(
      hexOf(
        naive.combineKeys(
          undefined,
          twice.map((e) => e.key),
          twice.map(() => 1),
        ),
      ),
    );
  });
});

describe("aggregates verified through block sums are refused when forged", async () => {
  const block = new Uint8Array(32).fill(0x5a);
  const hashed = thetaHashToG2(eenVoteSignBytes(block));
  const addresses = pks.map((_, i) =>
    Uint8Array.from({ length: 20 }, (_, j) => (j === 0 ? 1 + (i >> 8) : j === 1 ? i & 0xff : 0)),
  );
  const byAddr = new Map(addresses.map((a, i) => [bytesToHex(a), i]));
  const cp = await openEenCheckpoint(block, 7n, {
    source: {
      eliteEdgeNode: async (_b, a) => {
        const i = byAddr.get(bytesToHex(a));
        return i === undefined
          ? undefined
          : { stake: 5n, blsPubkey: (pks[i] as (typeof pks)[0]).bytes, weight: 1 };
      },
      totalStake: async () => BigInt(N) * 5n,
    },
    crypto: fast,
    keys: new Map(),
  });
  /** An aggregate of edge nodes from..to−1 with multiplicities `m`, signed as `signedM` says. */
  const agg = (from: number, to: number, m: (i: number) => number, signedM = m): EenAggregate => {
    let s = 0n;
    for (let i = from; i < to; i++) s = (s + BigInt(signedM(i)) * sk(i)) % R;
    const point = hashed.multiply(s);
    return {
      addresses: addresses.slice(from, to),
      multiplies: Array.from({ length: to - from }, (_, k) => m(from + k)),
      signature: { point, bytes: point.toBytes(true) } as unknown as EenSignature,
    };
  };
  const one = () => 1;

  it("accepts honest dense aggregates (block sums in use) and refuses a wrong vector, an inflated multiplicity, a forged signature", async () => {
    const held = await verifyEenAggregate(cp, agg(0, N, one), fast);
    expect(typeof held).toBe("object");
    const again = await verifyEenAggregate(
      cp,
      agg(0, N, (i) => 1 + (i % 2)),
      fast,
    );
    expect(typeof again).toBe("object");
    expect(cp.keyBlocks?.stats().blockSums).toBe(2);
    // One multiplicity raised in the vector, the signature unchanged.
    expect(
      await verifyEenAggregate(
        cp,
        agg(0, N, (i) => (i === 70 ? 2 : 1), one),
        fast,
      ),
    ).toBe(EenRejection.BadSignature);
    // One edge node left out of the vector (its share still in the signature).
    const full = agg(0, N, one);
    const dropped: EenAggregate = {
      addresses: full.addresses.filter((_, i) => i !== 5),
      multiplies: full.multiplies.slice(1),
      signature: full.signature,
    };
    expect(await verifyEenAggregate(cp, dropped, fast)).toBe(EenRejection.BadSignature);
    // A signature of another sum under an honest vector, also from a held base (difference path).
    const forged = agg(0, N, one, (i) => (i === 3 ? 0 : 1));
    expect(await verifyEenAggregate(cp, forged, fast)).toBe(EenRejection.BadSignature);
    expect(await verifyEenAggregate(cp, forged, fast, held as HeldAggregate)).toBe(EenRejection.BadSignature);
    expect(await verifyEenAggregate(cp, agg(1, N, one), fast, held as HeldAggregate)).not.toBe(
      EenRejection.BadSignature,
    );
  });
});
