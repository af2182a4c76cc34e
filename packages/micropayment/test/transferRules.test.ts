/** Settlement rules: the transfer check, the split of a payment, and the pool bookkeeping. */
import {
  type Account,
  bytesToHex,
  newAccount,
  type ReservedFund,
  type ServicePaymentTx,
  type SplitRule,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  checkTransferReservedFund,
  lastSettledPaymentSequence,
  MicropaymentErrorCode,
  splitPayment,
  transferReservedFund,
  unsignedPayment,
} from "../src/index.ts";
import { KEY_A, KEY_B, KEY_C, KEY_D, testSigner } from "./helpers.ts";

const alice = testSigner(KEY_A).address;
const bob = testSigner(KEY_B).address;
const carol = testSigner(KEY_C).address;
const david = testSigner(KEY_D).address;
const tf = (n: bigint) => ({ thetaWei: 0n, tfuelWei: n });
const coins = (theta: bigint, tfuel: bigint) => ({ thetaWei: theta, tfuelWei: tfuel });

const pay = (target: Uint8Array, amount: bigint, seq: bigint, reserveSeq = 3n, resource = "vid001") =>
  unsignedPayment(alice, target, amount, seq, reserveSeq, resource);

function fundOf(over: Partial<ReservedFund> = {}): ReservedFund {
  return {
    collateral: tf(101n),
    initialFund: tf(100n),
    usedFund: tf(0n),
    resourceIds: ["vid001"],
    endBlockHeight: 1000n,
    reserveSequence: 3n,
    transferRecords: [],
    ...over,
  };
}
const source = (funds: ReservedFund[]): Account => ({ ...newAccount(alice), reservedFunds: funds });
const rule = (splits: [Uint8Array, bigint][], end = 500n): SplitRule => ({
  initiatorAddress: carol,
  resourceId: "vid001",
  splits: splits.map(([address, percentage]) => ({ address, percentage })),
  endBlockHeight: end,
});
const shareList = (r: ReturnType<typeof splitPayment>) =>
  r.ok ? r.value.shares.map((s) => [bytesToHex(s.address), s.coins.thetaWei, s.coins.tfuelWei]) : r.message;

describe("lastSettledPaymentSequence", () => {
  it("the highest settled sequence of that target, 0 when none", () => {
    const records = [pay(bob, 1n, 2n), pay(bob, 1n, 5n), pay(bob, 1n, 4n), pay(carol, 1n, 9n)];
    expect(lastSettledPaymentSequence(records, bob)).toBe(5n);
    expect(lastSettledPaymentSequence(records, david)).toBe(0n);
    expect(lastSettledPaymentSequence([], bob)).toBe(0n);
  });
});

describe("checkTransferReservedFund", () => {
  const fail = (message: string) => ({
    ok: false,
    code: MicropaymentErrorCode.TransferCheckFailed,
    resultCode: 103001,
    message,
  });

  it("passes up to the pool's EndBlockHeight, fails after it", () => {
    const src = source([fundOf()]);
    expect(checkTransferReservedFund(src, pay(bob, 10n, 1n), 1000n).ok).toBe(true);
    expect(checkTransferReservedFund(src, pay(bob, 10n, 1n), 1001n)).toEqual(fail("Already expired"));
  });

  it("needs a pool with the payment's reserve sequence", () => {
    expect(checkTransferReservedFund(source([fundOf()]), pay(bob, 10n, 1n, 4n), 10n)).toEqual(
      fail("No matching ReservedFund with reserveSequence 4"),
    );
  });

  it("needs a payment sequence above the target's last settled one (other targets do not count)", () => {
    const src = source([fundOf({ transferRecords: [pay(bob, 5n, 2n), pay(carol, 5n, 7n)] })]);
    expect(checkTransferReservedFund(src, pay(bob, 10n, 2n), 10n)).toEqual(
      fail("Invalid payment sequence 2, expected at least 3"),
    );
    expect(checkTransferReservedFund(src, pay(bob, 10n, 3n), 10n).ok).toBe(true);
    expect(checkTransferReservedFund(src, pay(carol, 10n, 7n), 10n).ok).toBe(false);
  });
});

describe("splitPayment", () => {
  it("without a rule, or with an expired one, the target gets everything (an expired rule is deleted)", () => {
    const none = splitPayment(tf(90n), bob, undefined, 10n);
    expect(none.ok && none.value.deleteRule).toBe(false);
    expect(shareList(none)).toEqual([[bytesToHex(bob), 0n, 90n]]);
    const expired = splitPayment(tf(90n), bob, rule([[carol, 50n]], 9n), 10n);
    expect(expired.ok && expired.value.deleteRule).toBe(true);
    expect(shareList(expired)).toEqual([[bytesToHex(bob), 0n, 90n]]);
    const lastBlock = splitPayment(tf(90n), bob, rule([[carol, 50n]], 10n), 10n);
    expect(lastBlock.ok && lastBlock.value.deleteRule).toBe(false);
    expect(shareList(lastBlock)).toEqual([
      [bytesToHex(carol), 0n, 45n],
      [bytesToHex(bob), 0n, 45n],
    ]);
  });

  it("each share is floor(amount · pct / 100) per coin; the target gets the remainder", () => {
    const r = splitPayment(
      coins(10n, 99n),
      bob,
      rule([
        [carol, 30n],
        [david, 33n],
      ]),
      10n,
    );
    expect(shareList(r)).toEqual([
      [bytesToHex(carol), 3n, 29n],
      [bytesToHex(david), 3n, 32n],
      [bytesToHex(bob), 4n, 38n],
    ]);
    expect(r.ok && r.value.deleteRule).toBe(false);
  });

  it("a listed address twice accumulates; the target listed gets its share plus the remainder", () => {
    const r = splitPayment(
      tf(100n),
      bob,
      rule([
        [carol, 10n],
        [bob, 20n],
        [carol, 5n],
      ]),
      10n,
    );
    expect(shareList(r)).toEqual([
      [bytesToHex(carol), 0n, 15n],
      [bytesToHex(bob), 0n, 85n],
    ]);
  });

  it("a percentage above 100 is skipped; a total above 100 fails", () => {
    expect(
      shareList(
        splitPayment(
          tf(100n),
          bob,
          rule([
            [carol, 101n],
            [david, 100n],
          ]),
          10n,
        ),
      ),
    ).toEqual([
      [bytesToHex(david), 0n, 100n],
      [bytesToHex(bob), 0n, 0n],
    ]);
    const over = splitPayment(
      tf(100n),
      bob,
      rule([
        [carol, 60n],
        [david, 41n],
      ]),
      10n,
    );
    expect(over).toEqual({
      ok: false,
      code: MicropaymentErrorCode.SplitFailed,
      resultCode: 103001,
      message: "Failed to split payment",
    });
  });
});

describe("transferReservedFund", () => {
  const shares = [
    { address: carol, coins: tf(30n) },
    { address: bob, coins: tf(40n) },
  ];

  it("adds the shares' total to UsedFund and records the payment, in that pool only", () => {
    const other = fundOf({ reserveSequence: 2n });
    const src = source([other, fundOf({ usedFund: tf(30n) })]);
    const tx: ServicePaymentTx = pay(bob, 70n, 1n);
    const out = transferReservedFund(src, tx, shares);
    expect(out.kind).toBe("transferred");
    if (out.kind !== "transferred") return;
    expect(out.source.reservedFunds[0]).toBe(other);
    expect(out.source.reservedFunds[1]!.usedFund).toEqual(tf(100n));
    expect(out.source.reservedFunds[1]!.transferRecords).toEqual([tx]);
    expect(src.reservedFunds[1]!.usedFund).toEqual(tf(30n));
  });

  it("one wei above what is left is an overspend", () => {
    expect(transferReservedFund(source([fundOf({ usedFund: tf(31n) })]), pay(bob, 70n, 1n), shares)).toEqual({
      kind: "overspend",
    });
  });

  it("a pool with the reserve sequence but not the resource is no pool", () => {
    expect(transferReservedFund(source([fundOf()]), pay(bob, 70n, 1n, 3n, "other"), shares)).toEqual({
      kind: "no-pool",
    });
    expect(transferReservedFund(source([fundOf()]), pay(bob, 70n, 1n, 4n), shares)).toEqual({
      kind: "no-pool",
    });
  });
});
