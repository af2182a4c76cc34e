/** Overspend detection and the slash check on small, explicit sets of payments. */
import {
  type Account,
  bytesToHex,
  decodeOverspendingProof,
  encodeOverspendingProof,
  newAccount,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { checkSlash, detectOverspend, MicropaymentErrorCode, unsignedPayment } from "../src/index.ts";
import { KEY_A, KEY_B, KEY_C, KEY_D, pool, testSigner, testVerifier } from "./helpers.ts";

const a = testSigner(KEY_A);
const b = testSigner(KEY_B).address;
const c = testSigner(KEY_C).address;
const d = testSigner(KEY_D);
const chainId = "privatenet";
const p = pool(a.address, { initialFund: 100n, reserveSequence: 3n });

function signedBy(
  from: typeof a,
  target: Uint8Array,
  amount: bigint,
  seq: bigint,
  reserveSeq = 3n,
): ServicePaymentTx {
  const tx = unsignedPayment(from.address, target, amount, seq, reserveSeq, "vid001");
  return {
    ...tx,
    source: { ...tx.source, signature: from.sign(servicePaymentSourceSignBytes(chainId, tx)) },
  };
}
const pay = (target: Uint8Array, amount: bigint, seq: bigint, reserveSeq = 3n) =>
  signedBy(a, target, amount, seq, reserveSeq);
const amounts = (xs: readonly ServicePaymentTx[]) => xs.map((x) => x.source.coins.tfuelWei);

describe("detectOverspend", () => {
  it("counts the largest amount per (target, sequence): exactly the fund is no overspend", () => {
    const v = detectOverspend(
      p,
      [pay(b, 30n, 1n), pay(b, 60n, 1n), pay(b, 40n, 1n), pay(c, 40n, 1n)],
      chainId,
      testVerifier,
    );
    expect(v).toEqual({ overspent: false, promised: 100n });
  });

  it("one wei more is an overspend with a proof of the payments that make it", () => {
    const v = detectOverspend(p, [pay(b, 60n, 1n), pay(c, 40n, 1n), pay(c, 1n, 2n)], chainId, testVerifier);
    expect(v.overspent).toBe(true);
    if (!v.overspent) return;
    expect(v.promised).toBe(101n);
    expect(amounts(v.payments)).toEqual([60n, 40n, 1n]);
    expect(bytesToHex(v.proof)).toBe(
      bytesToHex(encodeOverspendingProof({ reserveSequence: 3n, servicePayments: v.payments })),
    );
  });

  it("ignores other sources, other pools and bad signatures", () => {
    const forged = {
      ...pay(b, 90n, 2n),
      source: { ...pay(b, 90n, 2n).source, signature: new Uint8Array(65) },
    };
    const v = detectOverspend(
      p,
      [pay(b, 60n, 1n), signedBy(d, b, 90n, 3n), pay(c, 90n, 1n, 4n), forged],
      chainId,
      testVerifier,
    );
    expect(v).toEqual({ overspent: false, promised: 60n });
  });

  it("a settled record stands for its slot; the proof lists settled records first", () => {
    const settled = pay(b, 50n, 1n);
    const withRecords = { ...p, transferRecords: [settled] };
    const v = detectOverspend(withRecords, [pay(c, 51n, 1n), pay(b, 99n, 1n)], chainId, testVerifier);
    expect(v.overspent).toBe(true);
    if (v.overspent) {
      expect(v.promised).toBe(101n);
      expect(v.payments).toEqual([settled, pay(c, 51n, 1n)]);
    }
  });
});

describe("checkSlash", () => {
  const owner = (): Account => ({
    ...newAccount(a.address),
    reservedFunds: [
      {
        collateral: { thetaWei: 0n, tfuelWei: 101n },
        initialFund: { thetaWei: 0n, tfuelWei: 100n },
        usedFund: { thetaWei: 0n, tfuelWei: 30n },
        resourceIds: ["vid001"],
        endBlockHeight: 2000n,
        reserveSequence: 3n,
        transferRecords: [],
      },
      {
        collateral: { thetaWei: 0n, tfuelWei: 5n },
        initialFund: { thetaWei: 0n, tfuelWei: 5n },
        usedFund: { thetaWei: 0n, tfuelWei: 0n },
        resourceIds: ["x"],
        endBlockHeight: 2000n,
        reserveSequence: 7n,
        transferRecords: [],
      },
    ],
  });
  const proof = (xs: ServicePaymentTx[], seq = 3n) =>
    encodeOverspendingProof({ reserveSequence: seq, servicePayments: xs });
  const fail = (message: string) => ({
    ok: false,
    code: MicropaymentErrorCode.InvalidSlashProof,
    resultCode: 100000,
    message,
  });

  it("a proof above the fund slashes: collateral + unused fund to the proposer, the pool removed", () => {
    const r = checkSlash(owner(), 3n, proof([pay(b, 60n, 1n), pay(c, 41n, 1n)]), chainId, testVerifier);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.reward).toEqual({ thetaWei: 0n, tfuelWei: 101n + 70n });
    expect(r.value.slashed.reservedFunds.map((f) => f.reserveSequence)).toEqual([7n]);
    expect(decodeOverspendingProof(proof([])).reserveSequence).toBe(3n);
  });

  it("an overused pool gives only its collateral", () => {
    const acc = owner();
    const over = {
      ...acc,
      reservedFunds: [{ ...acc.reservedFunds[0]!, usedFund: { thetaWei: 0n, tfuelWei: 150n } }],
    };
    const r = checkSlash(over, 3n, proof([pay(b, 101n, 1n)]), chainId, testVerifier);
    expect(r.ok && r.value.reward).toEqual({ thetaWei: 0n, tfuelWei: 101n });
  });

  it("refuses exactly the fund, unknown pools, other pools' payments, duplicates and bad signatures", () => {
    expect(checkSlash(owner(), 3n, proof([pay(b, 60n, 1n), pay(c, 40n, 1n)]), chainId, testVerifier)).toEqual(
      fail("the payments do not exceed the pool's fund"),
    );
    expect(checkSlash(owner(), 4n, proof([pay(b, 101n, 1n)]), chainId, testVerifier)).toEqual(
      fail("No reserved fund with reserve sequence 4"),
    );
    expect(checkSlash(owner(), 3n, proof([pay(b, 101n, 1n)], 7n), chainId, testVerifier)).toEqual(
      fail("proof is for another reserve sequence"),
    );
    expect(checkSlash(owner(), 3n, proof([signedBy(d, b, 101n, 1n)]), chainId, testVerifier)).toEqual(
      fail("proof contains a payment from another pool"),
    );
    expect(checkSlash(owner(), 3n, proof([pay(b, 101n, 1n, 7n)]), chainId, testVerifier)).toEqual(
      fail("proof contains a payment from another pool"),
    );
    expect(checkSlash(owner(), 3n, proof([pay(b, 60n, 1n), pay(b, 61n, 1n)]), chainId, testVerifier)).toEqual(
      fail(`payment (target, sequence) ${bytesToHex(b)}/1 appears twice`),
    );
    const forged = pay(b, 101n, 1n);
    const bad = { ...forged, source: { ...forged.source, signature: pay(b, 100n, 1n).source.signature } };
    expect(checkSlash(owner(), 3n, proof([bad]), chainId, testVerifier)).toEqual(
      fail(`payment ${bytesToHex(b)}/1 has an invalid source signature`),
    );
    const r = checkSlash(owner(), 3n, Uint8Array.of(0xc1), chainId, testVerifier);
    expect(r.ok === false && r.message.startsWith("malformed overspending proof: ")).toBe(true);
  });
});
