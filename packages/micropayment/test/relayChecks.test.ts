/**
 * The relay's checks one by one (code, message, and the bound that still passes), its slots across
 * payment sequences, and the settlement it signs.
 */
import {
  bytesToHex,
  encodeTx,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
  servicePaymentTargetSignBytes,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  type AcceptResult,
  MicropaymentErrorCode as C,
  createMemoryPaymentStore,
  createRelay,
  type PoolInfo,
  slotKey,
  unsignedPayment,
} from "../src/index.ts";
import { KEY_A, KEY_B, KEY_C, pool, testSigner, testVerifier } from "./helpers.ts";

const a = testSigner(KEY_A);
const b = testSigner(KEY_B);
const c = testSigner(KEY_C);
const chainId = "privatenet";

/** A payment from `from` (default a) to b, signed for the chain whatever its fields. */
function signed(over: Partial<ServicePaymentTx> & { amount?: bigint; seq?: bigint; from?: typeof a } = {}) {
  const { amount = 10n, seq = 1n, from = a, ...rest } = over;
  const tx: ServicePaymentTx = {
    ...unsignedPayment(from.address, b.address, amount, seq, 3n, "vid001"),
    ...rest,
  };
  return {
    ...tx,
    source: { ...tx.source, signature: from.sign(servicePaymentSourceSignBytes(chainId, tx)) },
  };
}

function setup(p: PoolInfo = pool(a.address, { initialFund: 100n, usedFund: 20n, endBlockHeight: 50n })) {
  const store = createMemoryPaymentStore();
  return { p, store, relay: createRelay({ signer: b, verifier: testVerifier, chainId, store }) };
}
const refusal = (r: AcceptResult) => (r.ok ? "accepted" : { code: r.code, message: r.message });

describe("relay.accept checks", () => {
  it("the target must be this relay, and not the source itself", async () => {
    const { relay, p } = setup();
    const toC = signed({ target: { ...signed().target, address: c.address } });
    expect(refusal(await relay.accept(toC, p, 1n))).toEqual({
      code: C.WrongTarget,
      message: "target: the payment is for another relay",
    });
    const self = signed({ from: b });
    expect(refusal(await relay.accept(self, pool(b.address), 1n))).toEqual({
      code: C.SelfPayment,
      message: "source and target are the same",
    });
  });

  it("the pool must be this source's, with this reserve sequence and resource", async () => {
    const { relay, p } = setup();
    expect(refusal(await relay.accept(signed({ reserveSequence: 4n }), p, 1n))).toEqual({
      code: C.UnknownPool,
      message: "reserve_sequence: no pool 4 of this source is known",
    });
    expect(refusal(await relay.accept(signed({ from: c }), p, 1n))).toEqual({
      code: C.UnknownPool,
      message: "reserve_sequence: no pool 3 of this source is known",
    });
    expect(refusal(await relay.accept(signed({ resourceId: "vid9" }), p, 1n))).toEqual({
      code: C.UnknownResource,
      message: "resource_id: 'vid9' is not covered by the pool",
    });
  });

  it("the pool is usable up to its end height", async () => {
    const { relay, p } = setup();
    expect(refusal(await relay.accept(signed(), p, 51n))).toEqual({
      code: C.PoolExpired,
      message: "the pool expired at height 50 (chain is at 51)",
    });
    expect((await relay.accept(signed(), p, 50n)).ok).toBe(true);
  });

  it("only a positive TFuel amount pays", async () => {
    const { relay, p } = setup();
    const theta = signed();
    const withTheta = signed({ source: { ...theta.source, coins: { thetaWei: 1n, tfuelWei: 10n } } });
    expect(refusal(await relay.accept(withTheta, p, 1n))).toEqual({
      code: C.ThetaNotAllowed,
      message: "source.coins: THETA cannot pay for service",
    });
    expect(refusal(await relay.accept(signed({ amount: 0n }), p, 1n))).toEqual({
      code: C.NonPositiveAmount,
      message: "source.coins: expected a positive TFuel amount",
    });
    expect((await relay.accept(signed({ amount: 1n }), p, 1n)).ok).toBe(true);
  });

  it("the source signature must verify on this chain", async () => {
    const { relay, p } = setup();
    const other = createRelay({
      signer: b,
      verifier: testVerifier,
      chainId: "mainnet",
      store: createMemoryPaymentStore(),
    });
    expect(refusal(await other.accept(signed(), p, 1n))).toEqual({
      code: C.BadSourceSignature,
      message: "source.signature: does not verify for the source address on this chain",
    });
    expect((await relay.accept(signed(), p, 1n)).ok).toBe(true);
  });

  it("at most what the pool still holds (initial − used)", async () => {
    const { relay, p } = setup();
    expect(refusal(await relay.accept(signed({ amount: 81n }), p, 1n))).toEqual({
      code: C.PoolCannotCover,
      message: "source.coins: 81 exceeds the pool's remaining 80",
    });
    expect((await relay.accept(signed({ amount: 80n }), p, 1n)).ok).toBe(true);
  });

  it("a refusal stores nothing; an acceptance stores the payment under its slot", async () => {
    const { relay, p, store } = setup();
    await relay.accept(signed({ amount: 0n }), p, 1n);
    expect(await store.list()).toEqual([]);
    const tx = signed({ amount: 7n, seq: 2n });
    expect(await relay.accept(encodeTx(tx), p, 1n)).toEqual({ ok: true, payment: tx });
    expect(await store.list()).toEqual([
      {
        key: slotKey(a.address, 3n, b.address),
        raw: encodeTx(tx),
        paymentSequence: 2n,
        amount: 7n,
        settled: false,
      },
    ]);
  });
});

describe("relay payment sequences", () => {
  it("within a sequence the amount must grow; a newer sequence starts over; an older one is refused", async () => {
    const { relay, p } = setup();
    expect((await relay.accept(signed({ amount: 10n, seq: 2n }), p, 1n)).ok).toBe(true);
    expect(refusal(await relay.accept(signed({ amount: 10n, seq: 2n }), p, 1n))).toEqual({
      code: C.AmountNotIncreasing,
      message: "source.coins: 10 does not exceed the 10 already accepted",
    });
    expect((await relay.accept(signed({ amount: 11n, seq: 2n }), p, 1n)).ok).toBe(true);
    expect(refusal(await relay.accept(signed({ amount: 50n, seq: 1n }), p, 1n))).toEqual({
      code: C.OldPaymentSequence,
      message: "payment_sequence: 1 is older than the current 2",
    });
    expect((await relay.accept(signed({ amount: 3n, seq: 3n }), p, 1n)).ok).toBe(true);
    expect(relay.latest(a.address, 3n)?.source.coins.tfuelWei).toBe(3n);
  });

  it("sequences up to the last settled on chain for this relay are old", async () => {
    const settledOnChain = [
      signed({ seq: 4n }),
      { ...signed({ seq: 9n }), target: { ...signed().target, address: c.address } },
    ];
    const { relay, p } = setup(pool(a.address, { transferRecords: settledOnChain }));
    expect(refusal(await relay.accept(signed({ seq: 4n }), p, 1n))).toEqual({
      code: C.OldPaymentSequence,
      message: "payment_sequence: 4 is settled or old, expected at least 5",
    });
    expect((await relay.accept(signed({ seq: 5n }), p, 1n)).ok).toBe(true);
  });

  it("after a settlement, its sequence is old even before the chain records it", async () => {
    const { relay, p } = setup();
    await relay.accept(signed({ seq: 2n }), p, 1n);
    await relay.settle(a.address, 3n, { fee: { thetaWei: 0n, tfuelWei: 1n } });
    expect(relay.latest(a.address, 3n)).toBeUndefined();
    expect(refusal(await relay.accept(signed({ amount: 20n, seq: 2n }), p, 1n))).toEqual({
      code: C.OldPaymentSequence,
      message: "payment_sequence: 2 is settled or old, expected at least 3",
    });
    expect((await relay.accept(signed({ seq: 3n }), p, 1n)).ok).toBe(true);
  });
});

describe("relay.settle and restore", () => {
  it("signs the latest payment as target with the fee and target sequence given (0 by default)", async () => {
    const { relay, p } = setup();
    const pay = signed({ amount: 9n });
    await relay.accept(pay, p, 1n);
    const s = await relay.settle(a.address, 3n, { fee: { thetaWei: 0n, tfuelWei: 5n } });
    expect(s.tx.fee).toEqual({ thetaWei: 0n, tfuelWei: 5n });
    expect(s.tx.source).toEqual(pay.source);
    expect(s.tx.target.sequence).toBe(0n);
    expect(bytesToHex(s.tx.target.address)).toBe(bytesToHex(b.address));
    expect(s.tx.target.coins).toEqual({ thetaWei: 0n, tfuelWei: 0n });
    const unsignedTarget = { ...s.tx, target: { ...s.tx.target, signature: new Uint8Array(0) } };
    expect(
      testVerifier.verify(
        servicePaymentTargetSignBytes(chainId, unsignedTarget),
        s.tx.target.signature,
        b.address,
      ),
    ).toBe(true);
    expect(bytesToHex(s.raw)).toBe(bytesToHex(encodeTx(s.tx)));
    await relay.accept(signed({ seq: 2n }), p, 1n);
    const s2 = await relay.settle(a.address, 3n, {
      fee: { thetaWei: 0n, tfuelWei: 5n },
      targetSequence: 12n,
    });
    expect(s2.tx.target.sequence).toBe(12n);
  });

  it("nothing to settle: no payment, or already settled", async () => {
    const { relay, p } = setup();
    await expect(relay.settle(a.address, 3n, { fee: { thetaWei: 0n, tfuelWei: 1n } })).rejects.toThrow(
      "settle: no unsettled payment for this pool",
    );
    await relay.accept(signed(), p, 1n);
    await relay.settle(a.address, 3n, { fee: { thetaWei: 0n, tfuelWei: 1n } });
    await expect(relay.settle(a.address, 3n, { fee: { thetaWei: 0n, tfuelWei: 1n } })).rejects.toMatchObject({
      code: C.NothingToSettle,
    });
  });

  it("a new relay on the same store restores the slots, settled ones included", async () => {
    const { relay, p, store } = setup();
    await relay.accept(signed({ amount: 4n, seq: 1n }), p, 1n);
    await relay.settle(a.address, 3n, { fee: { thetaWei: 0n, tfuelWei: 1n } });
    await relay.accept(signed({ amount: 6n, seq: 2n }), p, 1n);
    const again = createRelay({ signer: b, verifier: testVerifier, chainId, store });
    expect(again.latest(a.address, 3n)).toBeUndefined();
    await again.restore();
    expect(again.latest(a.address, 3n)?.source.coins.tfuelWei).toBe(6n);
    expect(refusal(await again.accept(signed({ amount: 6n, seq: 2n }), p, 1n))).toMatchObject({
      code: C.AmountNotIncreasing,
    });
  });
});
