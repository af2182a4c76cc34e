/** The payer's bookkeeping: cumulative amounts per target, the overspend guard, settlement restarts. */
import { bytesToHex, isThetaError, servicePaymentSourceSignBytes, TxType } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createPayer, MicropaymentErrorCode, unsignedPayment } from "../src/index.ts";
import { KEY_A, KEY_B, KEY_C, pool, TFUEL, testSigner, testVerifier } from "./helpers.ts";

const signer = testSigner(KEY_A);
const bob = testSigner(KEY_B).address;
const carol = testSigner(KEY_C).address;
const chainId = "privatenet";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return isThetaError(e) ? e.code : `not a ThetaError: ${String(e)}`;
  }
}

describe("createPayer().pay", () => {
  it("signs the cumulative amount for the target under the pool's reserve sequence", () => {
    const payer = createPayer({ signer, chainId }, pool(signer.address, { reserveSequence: 7n }));
    payer.pay(bob, "vid001", 5n);
    const tx = payer.pay(bob, "vid001", 3n);
    expect(tx.type).toBe(TxType.ServicePayment);
    expect(tx.source.coins).toEqual({ thetaWei: 0n, tfuelWei: 8n });
    expect(bytesToHex(tx.source.address)).toBe(bytesToHex(signer.address));
    expect(bytesToHex(tx.target.address)).toBe(bytesToHex(bob));
    expect(tx.paymentSequence).toBe(1n);
    expect(tx.reserveSequence).toBe(7n);
    expect(tx.resourceId).toBe("vid001");
    const unsigned = unsignedPayment(signer.address, bob, 8n, 1n, 7n, "vid001");
    expect(
      testVerifier.verify(
        servicePaymentSourceSignBytes(chainId, unsigned),
        tx.source.signature,
        signer.address,
      ),
    ).toBe(true);
    expect(
      testVerifier.verify(
        servicePaymentSourceSignBytes("mainnet", unsigned),
        tx.source.signature,
        signer.address,
      ),
    ).toBe(false);
  });

  it("keeps one cumulative amount per target", () => {
    const payer = createPayer({ signer, chainId }, pool(signer.address));
    payer.pay(bob, "vid001", 5n);
    payer.pay(carol, "vid001", 2n);
    payer.pay(bob, "vid001", 1n);
    expect(payer.promisedTo(bob)).toBe(6n);
    expect(payer.promisedTo(carol)).toBe(2n);
    expect(payer.promisedTo(signer.address)).toBe(0n);
    expect(payer.available()).toBe(1000n * TFUEL - 8n);
  });

  it("refuses zero and negative increments, and unknown resources, promising nothing", () => {
    const payer = createPayer({ signer, chainId }, pool(signer.address, { resourceIds: ["a", "b"] }));
    expect(codeOf(() => payer.pay(bob, "a", 0n))).toBe(MicropaymentErrorCode.NonPositiveAmount);
    expect(codeOf(() => payer.pay(bob, "a", -1n))).toBe(MicropaymentErrorCode.NonPositiveAmount);
    expect(() => payer.pay(bob, "a", 0n)).toThrow("increment: expected a positive amount, got 0");
    expect(codeOf(() => payer.pay(bob, "c", 1n))).toBe(MicropaymentErrorCode.UnknownResource);
    expect(() => payer.pay(bob, "c", 1n)).toThrow(
      "resourceId: 'c' is not one of the pool's resources (a, b)",
    );
    expect(payer.promisedTo(bob)).toBe(0n);
    expect(payer.pay(bob, "b", 1n).resourceId).toBe("b");
    expect(payer.pay(bob, "b", 1n).source.coins.tfuelWei).toBe(2n);
  });

  it("promises exactly what is left (initial − used − outstanding), not one wei more", () => {
    const payer = createPayer(
      { signer, chainId },
      pool(signer.address, { initialFund: 100n, usedFund: 30n }),
    );
    payer.pay(bob, "vid001", 20n);
    expect(payer.available()).toBe(50n);
    let err: unknown;
    try {
      payer.pay(carol, "vid001", 51n);
    } catch (e) {
      err = e;
    }
    expect(isThetaError(err) && err.code).toBe(MicropaymentErrorCode.WouldOverspend);
    expect((err as Error).message).toBe(
      "increment: 51 TFuelWei exceeds what the pool can still cover (50 TFuelWei)",
    );
    expect((err as { details?: unknown }).details).toEqual({ available: "50", increment: "51" });
    expect(payer.promisedTo(carol)).toBe(0n);
    expect(payer.pay(carol, "vid001", 50n).source.coins.tfuelWei).toBe(50n);
    expect(payer.available()).toBe(0n);
    expect(codeOf(() => payer.pay(bob, "vid001", 1n))).toBe(MicropaymentErrorCode.WouldOverspend);
  });
});

describe("createPayer().observePool", () => {
  it("starts a target's sequence after its last settled payment", () => {
    const settled = [
      { ...unsignedPayment(signer.address, bob, 4n, 3n, 3n, "vid001") },
      { ...unsignedPayment(signer.address, bob, 2n, 1n, 3n, "vid001") },
      { ...unsignedPayment(signer.address, carol, 2n, 9n, 3n, "vid001") },
    ];
    const payer = createPayer({ signer, chainId }, pool(signer.address, { transferRecords: settled }));
    expect(payer.pay(bob, "vid001", 1n).paymentSequence).toBe(4n);
  });

  it("after a settlement of the current sequence, the next payment starts anew at sequence + 1", () => {
    const p0 = pool(signer.address, { initialFund: 100n });
    const payer = createPayer({ signer, chainId }, p0);
    const first = payer.pay(bob, "vid001", 10n);
    payer.pay(carol, "vid001", 5n);
    payer.observePool({ ...p0, usedFund: 10n, transferRecords: [first] });
    expect(payer.promisedTo(bob)).toBe(0n);
    expect(payer.promisedTo(carol)).toBe(5n);
    expect(payer.available()).toBe(85n);
    const next = payer.pay(bob, "vid001", 3n);
    expect(next.paymentSequence).toBe(2n);
    expect(next.source.coins.tfuelWei).toBe(3n);
  });

  it("a pool update without a newer settlement keeps the running amount and sequence", () => {
    const p0 = pool(signer.address, { initialFund: 100n });
    const payer = createPayer({ signer, chainId }, p0);
    payer.pay(bob, "vid001", 10n);
    const old = unsignedPayment(signer.address, bob, 1n, 0n, 3n, "vid001");
    payer.observePool({ ...p0, transferRecords: [old] });
    expect(payer.promisedTo(bob)).toBe(10n);
    const tx = payer.pay(bob, "vid001", 1n);
    expect(tx.paymentSequence).toBe(1n);
    expect(tx.source.coins.tfuelWei).toBe(11n);
  });

  it("reads the new pool's funds and resources", () => {
    const p0 = pool(signer.address, { initialFund: 100n });
    const payer = createPayer({ signer, chainId }, p0);
    payer.observePool({ ...p0, initialFund: 200n, usedFund: 50n, resourceIds: ["x"] });
    expect(payer.available()).toBe(150n);
    expect(codeOf(() => payer.pay(bob, "vid001", 1n))).toBe(MicropaymentErrorCode.UnknownResource);
  });
});
