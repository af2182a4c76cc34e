/** The pool rules of ReserveFundTx and ReleaseFundTx, and the lazy release, each bound on both sides. */
import { type Account, newAccount, type ReservedFund, type ReserveFundTx, TxType } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  applyReserveFund,
  checkReleaseFund,
  checkReserveFund,
  MicropaymentErrorCode,
  type RuleResult,
  releaseExpiredFunds,
  visibleReservedFunds,
} from "../src/index.ts";
import { KEY_A, testSigner } from "./helpers.ts";

const alice = testSigner(KEY_A).address;
const tf = (n: bigint) => ({ thetaWei: 0n, tfuelWei: n });

function account(balance: bigint, funds: ReservedFund[] = [], theta = 0n): Account {
  return {
    ...newAccount(alice),
    balance: { thetaWei: theta, tfuelWei: balance },
    sequence: 4n,
    reservedFunds: funds,
  };
}

function reserve(over: Partial<ReserveFundTx> & { fund?: bigint; seq?: bigint } = {}): ReserveFundTx {
  const { fund = 100n, seq = 5n, ...rest } = over;
  return {
    type: TxType.ReserveFund,
    fee: tf(1n),
    source: { address: alice, coins: tf(fund), sequence: seq, signature: new Uint8Array(65) },
    collateral: tf(101n),
    resourceIds: ["r1", "r2"],
    duration: 300n,
    ...rest,
  };
}

function fundOf(over: Partial<ReservedFund>): ReservedFund {
  return {
    collateral: tf(101n),
    initialFund: tf(100n),
    usedFund: tf(0n),
    resourceIds: ["r1"],
    endBlockHeight: 1000n,
    reserveSequence: 3n,
    transferRecords: [],
    ...over,
  };
}

const failure = <T>(r: RuleResult<T>) =>
  r.ok ? "ok" : { code: r.code, resultCode: r.resultCode, message: r.message };
const checkFailed = (message: string) => ({
  code: MicropaymentErrorCode.ReserveFundCheckFailed,
  resultCode: 101001,
  message,
});

describe("checkReserveFund", () => {
  it("passes with exactly fund + collateral + fee in the balance", () => {
    expect(checkReserveFund(account(202n), reserve()).ok).toBe(true);
  });

  it("a zero fund is 'not specified' (101002), Theta in the fund is invalid (101003)", () => {
    expect(failure(checkReserveFund(account(1000n), reserve({ fund: 0n })))).toEqual({
      code: MicropaymentErrorCode.ReserveFundCheckFailed,
      resultCode: 101002,
      message: "No fund is specified",
    });
    const withTheta = reserve();
    const tx = { ...withTheta, source: { ...withTheta.source, coins: { thetaWei: 1n, tfuelWei: 100n } } };
    expect(failure(checkReserveFund(account(1000n, [], 10n), tx))).toEqual({
      code: MicropaymentErrorCode.ReserveFundCheckFailed,
      resultCode: 101003,
      message: "Cannot reserve Theta as service fund",
    });
  });

  it("one wei short of fund + collateral + fee is insufficient (100003)", () => {
    expect(failure(checkReserveFund(account(201n), reserve()))).toEqual({
      code: MicropaymentErrorCode.ReserveFundCheckFailed,
      resultCode: 100003,
      message: "Source did not have enough balance: needs fund + collateral + fee = 202 TFuelWei",
    });
  });

  it("the duration runs from 300 to 43,200 blocks inclusive", () => {
    const msg = (d: bigint) => checkFailed(`duration: expected 300 to 43200 blocks, got ${d}`);
    expect(failure(checkReserveFund(account(1000n), reserve({ duration: 299n })))).toEqual(msg(299n));
    expect(failure(checkReserveFund(account(1000n), reserve({ duration: 43_201n })))).toEqual(msg(43_201n));
    expect(checkReserveFund(account(1000n), reserve({ duration: 300n })).ok).toBe(true);
    expect(checkReserveFund(account(1000n), reserve({ duration: 43_200n })).ok).toBe(true);
  });

  it("a negative collateral is refused", () => {
    expect(
      failure(checkReserveFund(account(1000n), reserve({ collateral: { thetaWei: -1n, tfuelWei: 101n } }))),
    ).toEqual(checkFailed("collateral and fund must be non-negative"));
  });

  it("the collateral must exceed the fund: equal fails, one wei more passes", () => {
    expect(failure(checkReserveFund(account(1000n), reserve({ collateral: tf(100n) })))).toEqual(
      checkFailed("collateral must exceed the fund"),
    );
    expect(checkReserveFund(account(1000n), reserve({ collateral: tf(101n) })).ok).toBe(true);
  });

  it("the reserve sequence must exceed every existing pool's", () => {
    const src = account(1000n, [fundOf({ reserveSequence: 2n }), fundOf({ reserveSequence: 5n })]);
    expect(failure(checkReserveFund(src, reserve({ seq: 5n })))).toEqual(
      checkFailed("reserve sequence 5 must exceed the existing pool's 5"),
    );
    expect(checkReserveFund(src, reserve({ seq: 6n })).ok).toBe(true);
  });
});

describe("applyReserveFund", () => {
  it("adds the pool ending at P + duration, charges collateral + fund + fee and bumps the sequence", () => {
    const before = account(1000n, [fundOf({ reserveSequence: 2n })]);
    const tx = reserve({ duration: 400n });
    const after = applyReserveFund(before, tx, 50n);
    expect(after.balance).toEqual(tf(1000n - 202n));
    expect(after.sequence).toBe(5n);
    expect(after.reservedFunds).toHaveLength(2);
    expect(after.reservedFunds[1]).toEqual({
      collateral: tf(101n),
      initialFund: tf(100n),
      usedFund: tf(0n),
      resourceIds: ["r1", "r2"],
      endBlockHeight: 450n,
      reserveSequence: 5n,
      transferRecords: [],
    });
    expect(after.reservedFunds[1]!.resourceIds).not.toBe(tx.resourceIds);
    expect(before.reservedFunds).toHaveLength(1);
  });
});

describe("checkReleaseFund", () => {
  const src = account(0n, [fundOf({ reserveSequence: 3n, endBlockHeight: 1000n })]);

  it("finds the pool by reserve sequence, from EndBlockHeight + 5 on", () => {
    const r = checkReleaseFund(src, 3n, 1005n);
    expect(r.ok && r.value.reserveSequence).toBe(3n);
    expect(failure(checkReleaseFund(src, 3n, 1004n))).toEqual({
      code: MicropaymentErrorCode.ReleaseFundCheckFailed,
      resultCode: 102001,
      message: "Fund cannot be released until blockheight 1005",
    });
  });

  it("an unknown reserve sequence fails", () => {
    expect(failure(checkReleaseFund(src, 4n, 5000n))).toEqual({
      code: MicropaymentErrorCode.ReleaseFundCheckFailed,
      resultCode: 102001,
      message: "No matching ReserveSequence",
    });
  });
});

describe("releaseExpiredFunds and visibleReservedFunds", () => {
  const a = fundOf({ reserveSequence: 1n, endBlockHeight: 100n, initialFund: tf(50n), usedFund: tf(20n) });
  const b = fundOf({ reserveSequence: 2n, endBlockHeight: 200n });

  it("returns the same account while nothing has expired", () => {
    const acc = account(7n, [a, b]);
    expect(releaseExpiredFunds(acc, 104n)).toBe(acc);
  });

  it("at EndBlockHeight + 5, returns unused fund + collateral and drops the pool", () => {
    const acc = account(7n, [a, b]);
    const out = releaseExpiredFunds(acc, 105n);
    expect(out.balance).toEqual(tf(7n + 30n + 101n));
    expect(out.reservedFunds).toEqual([b]);
    expect(releaseExpiredFunds(acc, 205n).reservedFunds).toEqual([]);
    expect(releaseExpiredFunds(acc, 205n).balance).toEqual(tf(7n + 30n + 101n + 100n + 101n));
  });

  it("an overspent pool (used above initial) returns only its collateral, per coin", () => {
    const over = fundOf({
      endBlockHeight: 0n,
      initialFund: { thetaWei: 5n, tfuelWei: 50n },
      usedFund: { thetaWei: 2n, tfuelWei: 80n },
    });
    expect(releaseExpiredFunds(account(0n, [over]), 5n).balance).toEqual({ thetaWei: 3n, tfuelWei: 101n });
  });

  it("hides pools from EndBlockHeight + 5 on", () => {
    const acc = account(0n, [a, b]);
    expect(visibleReservedFunds(acc, 104n)).toEqual([a, b]);
    expect(visibleReservedFunds(acc, 105n)).toEqual([b]);
  });
});
