/** fast-check arbitraries for every ledger type and transaction, shared by the property tests. */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import fc from "fast-check";
import type {
  Account,
  Coins,
  ReservedFund,
  ServicePaymentTx,
  Stake,
  Tx,
  TxInput,
  TxOutput,
} from "../src/index.ts";
import { TxType } from "../src/index.ts";

export const addr = fc.uint8Array({ minLength: 20, maxLength: 20 });
export const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
export const bytes = fc.uint8Array({ maxLength: 80 });
export const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
export const big = fc.bigInt({ min: 0n, max: 2n ** 200n });
export const text = fc.string({ maxLength: 20 });
export const coins: fc.Arbitrary<Coins> = fc.record({ thetaWei: big, tfuelWei: big });
export const input: fc.Arbitrary<TxInput> = fc.record({
  address: addr,
  coins,
  sequence: u64,
  signature: bytes,
});
export const output: fc.Arbitrary<TxOutput> = fc.record({ address: addr, coins });
export const split = fc.record({ address: addr, percentage: u64 });
export const purpose = fc.integer({ min: 0, max: 255 });
export const G1 = bls12_381.G1.Point.BASE.multiply(7n).toBytes(true);
export const G2 = bls12_381.G2.Point.BASE.multiply(11n).toBytes(true);
export const empty = new Uint8Array(0);

export const servicePayment: fc.Arbitrary<ServicePaymentTx> = fc.record({
  type: fc.constant(TxType.ServicePayment),
  fee: coins,
  source: input,
  target: input,
  paymentSequence: u64,
  reserveSequence: u64,
  resourceId: text,
});

export const tx: fc.Arbitrary<Tx> = fc.oneof(
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

export const reservedFund: fc.Arbitrary<ReservedFund> = fc.record({
  collateral: coins,
  initialFund: coins,
  usedFund: coins,
  resourceIds: fc.array(text, { maxLength: 2 }),
  endBlockHeight: u64,
  reserveSequence: u64,
  transferRecords: fc.array(servicePayment, { maxLength: 2 }),
});
export const account: fc.Arbitrary<Account> = fc.record({
  address: addr,
  sequence: u64,
  balance: coins,
  reservedFunds: fc.array(reservedFund, { maxLength: 2 }),
  lastUpdatedBlockHeight: u64,
  root: hash,
  codeHash: hash,
});
export const stake: fc.Arbitrary<Stake> = fc.record({
  source: addr,
  amount: big,
  withdrawn: fc.boolean(),
  returnHeight: u64,
});
export const holder = fc.record({ holder: addr, stakes: fc.array(stake, { maxLength: 3 }) });
export const blsHolder = fc.record({
  holder: addr,
  stakes: fc.array(stake, { maxLength: 3 }),
  blsPubkey: bytes,
});
