import {
  type Account,
  Coin,
  newAccount,
  type ReserveFundTx,
  type ServicePaymentTx,
  type SplitRule,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  applyReserveFund,
  checkReleaseFund,
  checkReserveFund,
  checkTransferReservedFund,
  releaseExpiredFunds,
  splitPayment,
  transferReservedFund,
  unsignedPayment,
} from "../src/index.ts";
import { KEY_A, KEY_B, KEY_C, KEY_D, TFUEL, testSigner } from "./helpers.ts";

const alice = testSigner(KEY_A).address;
const bob = testSigner(KEY_B).address;
const carol = testSigner(KEY_C).address;
const david = testSigner(KEY_D).address;
const F = 3n * 10n ** 17n;
const tf = (n: bigint) => ({ thetaWei: 0n, tfuelWei: n });

function payment(target: Uint8Array, amount: bigint, seq: bigint): ServicePaymentTx {
  return { ...unsignedPayment(alice, target, amount, seq, 3n, "vid001"), fee: tf(F) };
}

/** Credits each share and charges the settling target its fee, as the ledger's executor does. */
function settle(accounts: Map<Uint8Array, Account>, tx: ServicePaymentTx, p: bigint, rule?: SplitRule) {
  const src = accounts.get(alice)!;
  const check = checkTransferReservedFund(src, tx, p);
  if (!check.ok) return check.message;
  const split = splitPayment(tx.source.coins, tx.target.address, rule, p);
  if (!split.ok) return split.message;
  const outcome = transferReservedFund(src, tx, split.value.shares);
  if (outcome.kind === "transferred") {
    accounts.set(alice, outcome.source);
    for (const s of split.value.shares) {
      const key = [...accounts.keys()].find((k) => Buffer.from(k).equals(Buffer.from(s.address)))!;
      const acc = accounts.get(key) ?? newAccount(s.address, p);
      accounts.set(key, { ...acc, balance: Coin.plus(acc.balance, s.coins) });
    }
  }
  const t = accounts.get(tx.target.address)!;
  accounts.set(tx.target.address, { ...t, balance: Coin.minus(t.balance, tx.fee) });
  return outcome.kind;
}

describe("docs/ledger.md §6.7 worked example, step by step (post-June-2021 fees)", () => {
  it("reserve, settle, replay, split, overspend, expiry, release", () => {
    const accounts = new Map<Uint8Array, Account>([
      [alice, { ...newAccount(alice), sequence: 2n, balance: tf(5000n * TFUEL) }],
      [bob, { ...newAccount(bob), balance: tf(100n * TFUEL) }],
      [carol, newAccount(carol)],
      [david, { ...newAccount(david), balance: tf(100n * TFUEL) }],
    ]);
    // 1. Block 1001 (P = 1000): reserve 1000 TFuel with 1001 collateral for vid001.
    const reserve: ReserveFundTx = {
      type: TxType.ReserveFund,
      fee: tf(F),
      source: { address: alice, coins: tf(1000n * TFUEL), sequence: 3n, signature: new Uint8Array(0) },
      collateral: tf(1001n * TFUEL),
      resourceIds: ["vid001"],
      duration: 1000n,
    };
    expect(checkReserveFund(accounts.get(alice)!, reserve).ok).toBe(true);
    accounts.set(alice, applyReserveFund(accounts.get(alice)!, reserve, 1000n));
    const a1 = accounts.get(alice)!;
    expect(a1.balance.tfuelWei).toBe(2998n * TFUEL + 7n * 10n ** 17n);
    expect(a1.sequence).toBe(3n);
    expect(a1.reservedFunds[0]!.endBlockHeight).toBe(2000n);
    expect(a1.reservedFunds[0]!.reserveSequence).toBe(3n);

    // 3. Block 1501: Bob settles the 80 TFuel message.
    expect(settle(accounts, payment(bob, 80n * TFUEL, 1n), 1500n)).toBe("transferred");
    expect(accounts.get(bob)!.balance.tfuelWei).toBe(179n * TFUEL + 7n * 10n ** 17n);
    expect(accounts.get(alice)!.reservedFunds[0]!.usedFund.tfuelWei).toBe(80n * TFUEL);

    // 4. Re-submitting the same message fails.
    expect(settle(accounts, payment(bob, 80n * TFUEL, 1n), 1550n)).toMatch(/expected at least 2/);

    // 5–6. David's split rule gives Carol 30% of a new 50 TFuel round.
    const rule: SplitRule = {
      initiatorAddress: david,
      resourceId: "vid001",
      splits: [{ address: carol, percentage: 30n }],
      endBlockHeight: 6600n,
    };
    expect(settle(accounts, payment(bob, 50n * TFUEL, 2n), 1700n, rule)).toBe("transferred");
    expect(accounts.get(carol)!.balance.tfuelWei).toBe(15n * TFUEL);
    expect(accounts.get(bob)!.balance.tfuelWei).toBe(179n * TFUEL + 7n * 10n ** 17n + 35n * TFUEL - F);
    expect(accounts.get(alice)!.reservedFunds[0]!.usedFund.tfuelWei).toBe(130n * TFUEL);

    // 7. Carol settles 900 while 870 remain: nothing moves, Carol still pays the fee.
    const carolBefore = accounts.get(carol)!.balance.tfuelWei;
    expect(settle(accounts, payment(carol, 900n * TFUEL, 1n), 1800n, rule)).toBe("overspend");
    expect(accounts.get(carol)!.balance.tfuelWei).toBe(carolBefore - F);
    expect(accounts.get(alice)!.reservedFunds[0]!.usedFund.tfuelWei).toBe(130n * TFUEL);

    // 8. Block 2002 (P = 2001): expired.
    expect(settle(accounts, payment(bob, 1n, 3n), 2001n, rule)).toBe("Already expired");

    // ReleaseFundTx can never pass: lazy release removed the pool first.
    const released = releaseExpiredFunds(accounts.get(alice)!, 2005n);
    expect(checkReleaseFund(released, 3n, 2005n).ok).toBe(false);
    // 9. From P = 2005 the pool is released: (1000 − 130) + 1001 back.
    expect(releaseExpiredFunds(accounts.get(alice)!, 2004n)).toBe(accounts.get(alice)!);
    expect(released.reservedFunds).toHaveLength(0);
    expect(released.balance.tfuelWei - accounts.get(alice)!.balance.tfuelWei).toBe(1871n * TFUEL);
  });

  it("the upstream split rounding example (regular_tx_execution_test.go)", () => {
    const rule: SplitRule = {
      initiatorAddress: david,
      resourceId: "vid001",
      splits: [
        { address: alice, percentage: 27n },
        { address: carol, percentage: 17n },
        { address: bob, percentage: 19n },
        { address: carol, percentage: 17n },
      ],
      endBlockHeight: 100n,
    };
    const out = splitPayment(tf(7_238_923n), carol, rule, 50n);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const get = (addr: Uint8Array) =>
      out.value.shares.find((s) => Buffer.from(s.address).equals(Buffer.from(addr)))!.coins.tfuelWei;
    expect(get(alice)).toBe(1_954_509n);
    expect(get(bob)).toBe(1_375_395n);
    expect(get(carol)).toBe(3_909_019n);
  });

  it("split rules over 100% fail; expired rules send everything to the target and are deleted", () => {
    const over: SplitRule = {
      initiatorAddress: david,
      resourceId: "x",
      splits: [
        { address: alice, percentage: 60n },
        { address: bob, percentage: 50n },
      ],
      endBlockHeight: 100n,
    };
    expect(splitPayment(tf(100n), carol, over, 10n).ok).toBe(false);
    const expired = splitPayment(tf(100n), carol, { ...over, endBlockHeight: 5n }, 10n);
    expect(expired.ok && expired.value.deleteRule && expired.value.shares.length === 1).toBe(true);
  });

  it("reserve checks: duration bounds, collateral above fund, THETA refused, sequences", () => {
    const acc = {
      ...newAccount(alice),
      sequence: 2n,
      balance: { thetaWei: 10n * TFUEL, tfuelWei: 5000n * TFUEL },
    };
    const base: ReserveFundTx = {
      type: TxType.ReserveFund,
      fee: tf(F),
      source: { address: alice, coins: tf(1000n * TFUEL), sequence: 3n, signature: new Uint8Array(0) },
      collateral: tf(1001n * TFUEL),
      resourceIds: ["vid001"],
      duration: 1000n,
    };
    expect(checkReserveFund(acc, { ...base, duration: 299n }).ok).toBe(false);
    expect(checkReserveFund(acc, { ...base, duration: 43_201n }).ok).toBe(false);
    expect(checkReserveFund(acc, { ...base, collateral: tf(1000n * TFUEL) }).ok).toBe(false);
    expect(
      checkReserveFund(acc, { ...base, source: { ...base.source, coins: { thetaWei: 1n, tfuelWei: 1n } } })
        .ok,
    ).toBe(false);
    expect(checkReserveFund(acc, { ...base, source: { ...base.source, coins: tf(0n) } }).ok).toBe(false);
    expect(checkReserveFund(acc, { ...base, collateral: tf(4001n * TFUEL) }).ok).toBe(false);
    const withPool = applyReserveFund(acc, base, 10n);
    expect(checkReserveFund(withPool, base).ok).toBe(false); // sequence 3 not above existing pool 3
    expect(checkReserveFund(acc, base).ok).toBe(true);
  });
});
