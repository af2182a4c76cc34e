import { bls12_381 } from "@noble/curves/bls12-381.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Account,
  type Coins,
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
  type ReservedFund,
  type ServicePaymentTx,
  type Stake,
  type Tx,
  type TxInput,
  type TxOutput,
  TxType,
} from "../src/index.ts";

const addr = fc.uint8Array({ minLength: 20, maxLength: 20 });
const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
const bytes = fc.uint8Array({ maxLength: 80 });
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const big = fc.bigInt({ min: 0n, max: 2n ** 200n });
const text = fc.string({ maxLength: 20 });
const coins: fc.Arbitrary<Coins> = fc.record({ thetaWei: big, tfuelWei: big });
const input: fc.Arbitrary<TxInput> = fc.record({ address: addr, coins, sequence: u64, signature: bytes });
const output: fc.Arbitrary<TxOutput> = fc.record({ address: addr, coins });
const split = fc.record({ address: addr, percentage: u64 });
const purpose = fc.integer({ min: 0, max: 255 });
const G1 = bls12_381.G1.Point.BASE.multiply(7n).toBytes(true);
const G2 = bls12_381.G2.Point.BASE.multiply(11n).toBytes(true);
const empty = new Uint8Array(0);

const servicePayment: fc.Arbitrary<ServicePaymentTx> = fc.record({
  type: fc.constant(TxType.ServicePayment),
  fee: coins,
  source: input,
  target: input,
  paymentSequence: u64,
  reserveSequence: u64,
  resourceId: text,
});

const tx: fc.Arbitrary<Tx> = fc.oneof(
  fc.record({
    type: fc.constant(TxType.Coinbase),
    proposer: input,
    outputs: fc.array(output, { maxLength: 3 }),
    blockHeight: u64,
  }),
  fc.record({
    type: fc.constant(TxType.Slash),
    proposer: input,
    slashedAddress: addr,
    reserveSequence: u64,
    slashProof: bytes,
  }),
  fc.record({
    type: fc.constant(TxType.Send),
    fee: coins,
    inputs: fc.array(input, { maxLength: 3 }),
    outputs: fc.array(output, { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant(TxType.ReserveFund),
    fee: coins,
    source: input,
    collateral: coins,
    resourceIds: fc.array(text, { maxLength: 3 }),
    duration: u64,
  }),
  fc.record({ type: fc.constant(TxType.ReleaseFund), fee: coins, source: input, reserveSequence: u64 }),
  servicePayment,
  fc.record({
    type: fc.constant(TxType.SplitRule),
    fee: coins,
    resourceId: text,
    initiator: input,
    splits: fc.array(split, { maxLength: 3 }),
    duration: u64,
  }),
  fc.record({
    type: fc.constant(TxType.SmartContract),
    from: input,
    to: output,
    gasLimit: u64,
    gasPrice: big,
    data: bytes,
  }),
  fc.record({ type: fc.constant(TxType.DepositStake), fee: coins, source: input, holder: output, purpose }),
  fc.record({ type: fc.constant(TxType.WithdrawStake), fee: coins, source: input, holder: output, purpose }),
  fc.record({
    type: fc.constant(TxType.DepositStakeV2),
    fee: coins,
    source: input,
    holder: output,
    purpose,
    blsPubkey: fc.constantFrom(empty, G1),
    blsPop: fc.constantFrom(empty, G2),
    holderSig: bytes,
  }),
  fc.record({
    type: fc.constant(TxType.StakeRewardDistribution),
    fee: coins,
    holder: input,
    beneficiary: output,
    splitBasisPoint: u64,
  }),
) as fc.Arbitrary<Tx>;

const reservedFund: fc.Arbitrary<ReservedFund> = fc.record({
  collateral: coins,
  initialFund: coins,
  usedFund: coins,
  resourceIds: fc.array(text, { maxLength: 2 }),
  endBlockHeight: u64,
  reserveSequence: u64,
  transferRecords: fc.array(servicePayment, { maxLength: 2 }),
});
const account: fc.Arbitrary<Account> = fc.record({
  address: addr,
  sequence: u64,
  balance: coins,
  reservedFunds: fc.array(reservedFund, { maxLength: 2 }),
  lastUpdatedBlockHeight: u64,
  root: hash,
  codeHash: hash,
});
const stake: fc.Arbitrary<Stake> = fc.record({
  source: addr,
  amount: big,
  withdrawn: fc.boolean(),
  returnHeight: u64,
});
const holder = fc.record({ holder: addr, stakes: fc.array(stake, { maxLength: 3 }) });
const blsHolder = fc.record({ holder: addr, stakes: fc.array(stake, { maxLength: 3 }), blsPubkey: bytes });

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
