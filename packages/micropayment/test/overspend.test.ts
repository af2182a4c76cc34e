import {
  type Account,
  encodeOverspendingProof,
  newAccount,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
} from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkSlash,
  createMemoryPaymentStore,
  createPayer,
  createRelay,
  detectOverspend,
  MicropaymentErrorCode,
  unsignedPayment,
} from "../src/index.ts";
import { KEY_A, KEY_B, KEY_C, KEY_D, pool, testSigner, testVerifier } from "./helpers.ts";

const a = testSigner(KEY_A);
const relays = [testSigner(KEY_B), testSigner(KEY_C), testSigner(KEY_D)];
const FUND = 100n;
const p = pool(a.address, { initialFund: FUND, collateral: 101n });

/** A dishonest payer signs whatever it likes, bypassing createPayer's guard. */
function rogue(target: number, seq: bigint, amount: bigint): ServicePaymentTx {
  const tx = unsignedPayment(a.address, relays[target]!.address, amount, seq, 3n, "vid001");
  return {
    ...tx,
    source: { ...tx.source, signature: a.sign(servicePaymentSourceSignBytes("privatenet", tx)) },
  };
}

/** The payer's account on chain: pool 3 holding FUND with a collateral of 101, nothing used. */
function poolOwner(): Account {
  return {
    ...newAccount(a.address),
    reservedFunds: [
      {
        collateral: { thetaWei: 0n, tfuelWei: 101n },
        initialFund: { thetaWei: 0n, tfuelWei: FUND },
        usedFund: { thetaWei: 0n, tfuelWei: 0n },
        resourceIds: ["vid001"],
        endBlockHeight: 2000n,
        reserveSequence: 3n,
        transferRecords: [],
      },
    ],
  };
}

describe("overspend detection", () => {
  it("an honest payer cannot promise more than the fund", () => {
    const payer = createPayer({ signer: a, chainId: "privatenet" }, p);
    payer.pay(relays[0]!.address, "vid001", 60n);
    expect(() => payer.pay(relays[1]!.address, "vid001", 41n)).toThrow(
      /exceeds what the pool can still cover/,
    );
    expect(payer.available()).toBe(40n);
  });

  it("property: across relays, accepted totals above the fund always trip the detector, and its proof slashes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            relay: fc.nat({ max: 2 }),
            seq: fc.integer({ min: 1, max: 3 }),
            amount: fc.integer({ min: 1, max: 80 }),
          }),
          {
            maxLength: 12,
          },
        ),
        async (plan) => {
          const rs = relays.map((signer) =>
            createRelay({
              signer,
              verifier: testVerifier,
              chainId: "privatenet",
              store: createMemoryPaymentStore(),
            }),
          );
          const accepted: ServicePaymentTx[] = [];
          for (const step of plan) {
            const r = await rs[step.relay]!.accept(
              rogue(step.relay, BigInt(step.seq), BigInt(step.amount)),
              p,
              1000n,
            );
            if (r.ok) accepted.push(r.payment);
          }
          // What the payer could get paid: per relay, the latest accepted payment of each sequence.
          const latest = new Map<string, bigint>();
          for (const x of accepted)
            latest.set(`${x.target.address}/${x.paymentSequence}`, x.source.coins.tfuelWei);
          let total = 0n;
          for (const v of latest.values()) total += v;
          const verdict = detectOverspend(p, accepted, "privatenet", testVerifier);
          expect(verdict.overspent).toBe(total > FUND);
          if (verdict.overspent) {
            const owner = poolOwner();
            const slash = checkSlash(owner, 3n, verdict.proof, "privatenet", testVerifier);
            expect(slash.ok).toBe(true);
            if (slash.ok) {
              expect(slash.value.reward.tfuelWei).toBe(101n + FUND);
              expect(slash.value.slashed.reservedFunds).toHaveLength(0);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a proof with a forged payment does not slash", () => {
    const good = rogue(0, 1n, 70n);
    const forged = {
      ...rogue(1, 1n, 70n),
      source: { ...rogue(1, 1n, 70n).source, signature: good.source.signature },
    };
    const verdict = detectOverspend(p, [good, forged], "privatenet", testVerifier);
    expect(verdict.overspent).toBe(false); // the forged one is ignored
    expect(verdict.promised).toBe(70n);
  });

  it("rejects a proof that does not exceed the fund", () => {
    const owner = poolOwner();
    const verdict = detectOverspend(
      { ...p, initialFund: 10n },
      [rogue(0, 1n, 50n)],
      "privatenet",
      testVerifier,
    );
    expect(verdict.overspent).toBe(true);
    if (verdict.overspent) {
      const r = checkSlash(owner, 3n, verdict.proof, "privatenet", testVerifier);
      expect(r.ok ? undefined : r.code).toBe(MicropaymentErrorCode.InvalidSlashProof);
    }
  });

  it("payments across relays adding up to exactly the fund are not an overspend", () => {
    const verdict = detectOverspend(
      p,
      [rogue(0, 1n, 60n), rogue(1, 1n, 30n), rogue(2, 2n, 10n)],
      "privatenet",
      testVerifier,
    );
    expect(verdict).toEqual({ overspent: false, promised: FUND });
  });

  it("one wei above the fund is an overspend, and its proof slashes", () => {
    const payments = [rogue(0, 1n, 60n), rogue(1, 1n, 30n), rogue(2, 2n, 11n)];
    const verdict = detectOverspend(p, payments, "privatenet", testVerifier);
    expect(verdict.overspent).toBe(true);
    expect(verdict.promised).toBe(FUND + 1n);
    if (verdict.overspent) {
      expect(verdict.payments).toHaveLength(3);
      const slash = checkSlash(poolOwner(), 3n, verdict.proof, "privatenet", testVerifier);
      expect(slash.ok).toBe(true);
    }
  });

  it("a single payment of exactly the fund is not an overspend; fund + 1 is", () => {
    expect(detectOverspend(p, [rogue(0, 1n, FUND)], "privatenet", testVerifier).overspent).toBe(false);
    expect(detectOverspend(p, [rogue(0, 1n, FUND + 1n)], "privatenet", testVerifier).overspent).toBe(true);
  });

  it("a settled record plus unsettled payments: exactly the fund passes, one more wei trips", () => {
    const settled = rogue(0, 1n, 40n);
    const withRecord = { ...p, transferRecords: [settled], usedFund: 40n };
    const exact = detectOverspend(
      withRecord,
      [rogue(0, 1n, 90n), rogue(1, 1n, 60n)], // the first repeats the settled slot and is ignored
      "privatenet",
      testVerifier,
    );
    expect(exact).toEqual({ overspent: false, promised: FUND });
    const over = detectOverspend(withRecord, [rogue(1, 1n, 61n)], "privatenet", testVerifier);
    expect(over.overspent).toBe(true);
    expect(over.promised).toBe(FUND + 1n);
    if (over.overspent) expect(over.payments[0]).toBe(settled);
  });

  it("the chain's slash check draws the same line: a proof of exactly the fund fails, fund + 1 slashes", () => {
    const proof = (last: bigint) =>
      encodeOverspendingProof({
        reserveSequence: 3n,
        servicePayments: [rogue(0, 1n, 60n), rogue(1, 1n, 30n), rogue(2, 2n, last)],
      });
    const exact = checkSlash(poolOwner(), 3n, proof(10n), "privatenet", testVerifier);
    expect(exact.ok ? undefined : exact.code).toBe(MicropaymentErrorCode.InvalidSlashProof);
    const over = checkSlash(poolOwner(), 3n, proof(11n), "privatenet", testVerifier);
    expect(over.ok).toBe(true);
  });
});
