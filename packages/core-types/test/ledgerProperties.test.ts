import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accountStorageRoot,
  decodeAccount,
  decodeEliteEdgeNode,
  decodeGcp,
  decodeHeightList,
  decodeOverspendingProof,
  decodeRewardDistribution,
  decodeSplitRule,
  decodeStakeWithHolders,
  decodeTx,
  decodeVcp,
  encodeAccount,
  encodeEliteEdgeNode,
  encodeGcp,
  encodeHeightList,
  encodeOverspendingProof,
  encodeRewardDistribution,
  encodeSplitRule,
  encodeStakeWithHolders,
  encodeTx,
  encodeVcp,
  isThetaError,
} from "../src/index.ts";
import {
  account,
  addr,
  blsHolder,
  holder,
  servicePayment,
  split,
  stake,
  text,
  tx,
  u64,
} from "./arbitraries.ts";

describe("round trips: decode(encode(x)) = x and the bytes are stable", () => {
  const rt = <T>(name: string, arb: fc.Arbitrary<T>, enc: (x: T) => Uint8Array, dec: (b: Uint8Array) => T) =>
    it(name, () => {
      fc.assert(
        fc.property(arb, (x) => {
          const b = enc(x);
          const back = dec(b);
          expect(back).toEqual(x);
          expect(enc(back)).toEqual(b);
        }),
        { numRuns: 300 },
      );
    });
  rt("every transaction type", tx, encodeTx, decodeTx);
  rt("Account (with reserved funds and transfer records)", account, encodeAccount, decodeAccount);
  it("accountStorageRoot: what decodeAccount(bytes).root gives (or undefined where it throws), on accounts and mutated encodings", () => {
    const expected = (b: Uint8Array) => {
      try {
        return decodeAccount(b).root;
      } catch {
        return undefined;
      }
    };
    let accounts = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        account,
        fc.boolean(),
        fc.nat(300),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom("flip", "insert", "delete", "none"),
        (a, funds, at, byte, edit) => {
          const enc = encodeAccount(funds ? a : { ...a, reservedFunds: [] });
          const i = at % (enc.length + 1);
          const b =
            edit === "flip"
              ? enc.map((x, j) => (j === i ? x ^ (byte | 1) : x))
              : edit === "insert"
                ? Uint8Array.from([...enc.subarray(0, i), byte, ...enc.subarray(i)])
                : edit === "delete"
                  ? Uint8Array.from([...enc.subarray(0, i), ...enc.subarray(i + 1)])
                  : enc;
          const want = expected(b);
          expect(accountStorageRoot(b)).toEqual(want);
          if (want === undefined) rejected++;
          else accounts++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(accounts).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(300);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(accountStorageRoot(b)).toEqual(expected(b));
      }),
      { numRuns: 3000 },
    );
  });
  rt(
    "ValidatorCandidatePool",
    fc.record({ sortedCandidates: fc.array(holder, { maxLength: 3 }) }),
    encodeVcp,
    decodeVcp,
  );
  rt(
    "GuardianCandidatePool",
    fc.record({ sortedGuardians: fc.array(blsHolder, { maxLength: 3 }) }),
    encodeGcp,
    decodeGcp,
  );
  rt("EliteEdgeNode", blsHolder, encodeEliteEdgeNode, decodeEliteEdgeNode);
  rt(
    "StakeWithHolder list",
    fc.array(fc.record({ holder: addr, stake }), { maxLength: 3 }),
    encodeStakeWithHolders,
    decodeStakeWithHolders,
  );
  rt(
    "RewardDistribution",
    fc.record({ stakeHolder: addr, beneficiary: addr, splitBasisPoint: u64 }),
    encodeRewardDistribution,
    decodeRewardDistribution,
  );
  rt("HeightList", fc.array(u64, { maxLength: 5 }), encodeHeightList, decodeHeightList);
  rt(
    "SplitRule",
    fc.record({
      initiatorAddress: addr,
      resourceId: text,
      splits: fc.array(split, { maxLength: 3 }),
      endBlockHeight: u64,
    }),
    encodeSplitRule,
    decodeSplitRule,
  );
  rt(
    "OverspendingProof",
    fc.record({ reserveSequence: u64, servicePayments: fc.array(servicePayment, { maxLength: 3 }) }),
    encodeOverspendingProof,
    decodeOverspendingProof,
  );
});

function mustRejectCleanly(decode: (b: Uint8Array) => unknown, b: Uint8Array): "ok" | "rejected" {
  try {
    decode(b);
    return "ok";
  } catch (e) {
    if (!isThetaError(e)) throw e;
    return "rejected";
  }
}

describe("random bytes decode or fail with a ThetaError, never anything else", () => {
  it("100,000 random byte strings into decodeTx", () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (b) => {
        mustRejectCleanly(decodeTx, b);
        runs++;
      }),
      { numRuns: 100_000 },
    );
    expect(runs).toBe(100_000);
  });
  it("mutations of valid transactions into decodeTx", () => {
    fc.assert(
      fc.property(tx, fc.nat(), fc.integer({ min: 1, max: 255 }), (t, i, x) => {
        const b = encodeTx(t);
        const m = b.slice();
        m[i % m.length]! ^= x;
        mustRejectCleanly(decodeTx, m);
        mustRejectCleanly(decodeTx, b.subarray(0, i % b.length));
      }),
      { numRuns: 5000 },
    );
  });
  const decoders: Array<[string, (b: Uint8Array) => unknown]> = [
    ["decodeAccount", decodeAccount],
    ["decodeVcp", decodeVcp],
    ["decodeGcp", decodeGcp],
    ["decodeEliteEdgeNode", decodeEliteEdgeNode],
    ["decodeStakeWithHolders", decodeStakeWithHolders],
    ["decodeRewardDistribution", decodeRewardDistribution],
    ["decodeHeightList", decodeHeightList],
    ["decodeSplitRule", decodeSplitRule],
    ["decodeOverspendingProof", decodeOverspendingProof],
  ];
  for (const [name, decode] of decoders) {
    it(`10,000 random byte strings into ${name}`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
          mustRejectCleanly(decode, b);
        }),
        { numRuns: 10_000 },
      );
    });
  }
});
