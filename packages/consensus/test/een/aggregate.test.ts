import { bytesToHex, eenVoteSignBytes, MAX_MULTIPLICITY } from "@theta/core-types";
import { blsPublicKey, blsSecretKeyFromBytes, blsSign } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import {
  checkAggregateShape,
  coveredStake,
  createBlsEenCrypto,
  type EenAggregate,
  EenRejection,
  type EenStakeSource,
  type HeldAggregate,
  mergeHeld,
  multiplicityDelta,
  openEenCheckpoint,
  verifyEenAggregate,
} from "../../src/index.ts";

const crypto = createBlsEenCrypto();
const block = new Uint8Array(32).fill(0xab);
const message = eenVoteSignBytes(block);
const E18 = 10n ** 18n;

// Four edge nodes with real BLS keys; addresses 0x01…, 0x02…, in ascending order.
const nodes = [1, 2, 3, 4].map((i) => {
  const sk = blsSecretKeyFromBytes(
    Uint8Array.from({ length: 32 }, (_, j) => (j === 31 ? i : j === 0 ? 1 : 0)),
  );
  return { address: new Uint8Array(20).fill(i), sk, pk: blsPublicKey(sk), stake: BigInt(i) * 10_000n * E18 };
});
const source: EenStakeSource = {
  async eliteEdgeNode(_b, a) {
    const n = nodes.find((x) => bytesToHex(x.address) === bytesToHex(a));
    return n === undefined
      ? undefined
      : { stake: n.stake, blsPubkey: n.pk.bytes, weight: n.address[0] === 4 ? 0 : 1 };
  },
  totalStake: async () => nodes.reduce((a, n) => a + n.stake, 0n),
};
const open = () => openEenCheckpoint(block, 101n, { source, crypto, keys: new Map() });
const single = (i: number): EenAggregate => ({
  addresses: [nodes[i]!.address],
  multiplies: [1],
  signature: crypto.signature(blsSign(nodes[i]!.sk, message).bytes),
});

describe("EEN aggregates on real BLS", () => {
  it("verifies single votes and their merges with multiplicities; stake covered is the signers' stake", async () => {
    const cp = await open();
    expect(cp.totalStake).toBe(100_000n * E18);
    const a = (await verifyEenAggregate(cp, single(0), crypto)) as HeldAggregate;
    const b = (await verifyEenAggregate(cp, single(1), crypto)) as HeldAggregate;
    const c = (await verifyEenAggregate(cp, single(2), crypto)) as HeldAggregate;
    expect(typeof a).toBe("object");
    const ab = mergeHeld(a, b, crypto) as HeldAggregate;
    const bc = mergeHeld(b, c, crypto) as HeldAggregate;
    const abbc = mergeHeld(ab, bc, crypto) as HeldAggregate;
    expect(abbc.multiplies).toEqual([1, 2, 1]);
    expect(abbc.addresses.map((x) => x[0])).toEqual([1, 2, 3]);
    // The merged signature verifies from scratch and from a base aggregate (difference key).
    const plain: EenAggregate = {
      addresses: abbc.addresses,
      multiplies: abbc.multiplies,
      signature: abbc.signature,
    };
    expect(typeof (await verifyEenAggregate(cp, plain, crypto))).toBe("object");
    expect(typeof (await verifyEenAggregate(cp, plain, crypto, ab))).toBe("object");
    expect(coveredStake(cp, abbc)).toBe(60_000n * E18);
    // b adds nobody to ab: no merge
    expect(mergeHeld(ab, b, crypto)).toBeUndefined();
  });

  it("rejects a wrong multiplicity, an unsampled or unknown address and a bad signature", async () => {
    const cp = await open();
    const ab: EenAggregate = {
      addresses: [nodes[0]!.address, nodes[1]!.address],
      multiplies: [1, 2],
      signature: crypto.addSignatures(single(0).signature, single(1).signature),
    };
    expect(await verifyEenAggregate(cp, ab, crypto)).toBe(EenRejection.BadSignature);
    const base = (await verifyEenAggregate(cp, single(0), crypto)) as HeldAggregate;
    expect(await verifyEenAggregate(cp, ab, crypto, base)).toBe(EenRejection.BadSignature);
    expect(await verifyEenAggregate(cp, single(3), crypto)).toBe(EenRejection.NotSampled);
    const unknown = { ...single(0), addresses: [new Uint8Array(20).fill(9)] };
    expect(await verifyEenAggregate(cp, unknown, crypto)).toBe(EenRejection.NotSampled);
    const wrongSigner = { ...single(0), addresses: [nodes[1]!.address] };
    expect(await verifyEenAggregate(cp, wrongSigner, crypto)).toBe(EenRejection.BadSignature);
  });

  it("checks the shape: ascending addresses, equal lengths, multiplicities 1..2^32−1", () => {
    const [x, y] = [nodes[0]!.address, nodes[1]!.address];
    expect(checkAggregateShape([x, y], [1, 1])).toBeUndefined();
    expect(checkAggregateShape([y, x], [1, 1])).toBe(EenRejection.Malformed);
    expect(checkAggregateShape([x, x], [1, 1])).toBe(EenRejection.Malformed);
    expect(checkAggregateShape([x, y], [1])).toBe(EenRejection.Malformed);
    expect(checkAggregateShape([x, y], [1, 0])).toBe(EenRejection.Malformed);
    expect(checkAggregateShape([], [])).toBe(EenRejection.Malformed);
    expect(checkAggregateShape([x, y], [1, 1], 1)).toBe(EenRejection.Malformed);
  });

  it("refuses a merge whose summed multiplicity leaves uint32", async () => {
    const cp = await open();
    const a = (await verifyEenAggregate(cp, single(0), crypto)) as HeldAggregate;
    const b = (await verifyEenAggregate(cp, single(1), crypto)) as HeldAggregate;
    const big: HeldAggregate = { ...a, multiplies: [MAX_MULTIPLICITY] };
    const ab = mergeHeld(a, b, crypto) as HeldAggregate;
    expect(mergeHeld(big, ab, crypto)).toBe(EenRejection.Overflow);
  });

  it("combineKeys forms base + Σ mᵢ·pkᵢ for negative, bucketed and large multiplicities", () => {
    const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
    const mod = (x: bigint) => ((x % R) + R) % R;
    const keys = nodes.map((n) => crypto.publicKey(n.pk.bytes));
    const ms = [2, -1, 70, 3];
    const expectedScalar = mod(
      nodes.reduce((a, n, i) => a + BigInt(ms[i]!) * n.sk.scalar, 0n) + nodes[0]!.sk.scalar,
    );
    const got = crypto.combineKeys(keys[0], keys, ms) as unknown as { bytes: Uint8Array };
    expect(bytesToHex(got.bytes)).toBe(bytesToHex(blsPublicKey({ scalar: expectedScalar }).bytes));
    expect(crypto.combineKeys(keys[0], [keys[0]!], [-1])).toBeUndefined(); // the identity
  });

  it("multiplicityDelta lists only the entries that differ", () => {
    const [x, y, z] = [nodes[0]!.address, nodes[1]!.address, nodes[2]!.address];
    const s = single(0).signature;
    const d = multiplicityDelta(
      { addresses: [x, y], multiplies: [1, 2], signature: s },
      { addresses: [y, z], multiplies: [2, 3], signature: s },
    );
    expect(d.addresses.map((a) => a[0])).toEqual([1, 3]);
    expect(d.deltas).toEqual([-1, 3]);
  });
});
