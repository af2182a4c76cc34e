import { encodeTx, hexToBytes, isThetaError, type ServicePaymentTx } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MicropaymentErrorCode as C,
  createMemoryPaymentStore,
  createPayer,
  createRelay,
  type PaymentStore,
} from "../src/index.ts";
import { KEY_A, KEY_B, KEY_C, pool, TFUEL, testSigner, testVerifier } from "./helpers.ts";

const a = testSigner(KEY_A);
const b = testSigner(KEY_B);
const c = testSigner(KEY_C);
const FEE = { thetaWei: 0n, tfuelWei: 3n * 10n ** 17n };

function setup(store: PaymentStore = createMemoryPaymentStore(), chainId = "privatenet") {
  const p = pool(a.address);
  const payer = createPayer({ signer: a, chainId: "privatenet" }, p);
  const relay = createRelay({ signer: b, verifier: testVerifier, chainId, store });
  return { p, payer, relay, store };
}

describe("relay.accept rejects bad input with a typed code and changes nothing", () => {
  it("accepts a good payment and keeps the latest cumulative amount", async () => {
    const { p, payer, relay } = setup();
    expect((await relay.accept(payer.pay(b.address, "vid001", 10n * TFUEL), p, 1000n)).ok).toBe(true);
    expect((await relay.accept(payer.pay(b.address, "vid001", 40n * TFUEL), p, 1000n)).ok).toBe(true);
    expect(relay.latest(a.address, 3n)?.source.coins.tfuelWei).toBe(50n * TFUEL);
  });

  const cases: Array<
    [string, C, (s: ReturnType<typeof setup>) => Promise<ServicePaymentTx | Uint8Array>, bigint?]
  > = [
    [
      "a wrong signature",
      C.BadSourceSignature,
      async ({ payer }) => {
        const pay = payer.pay(b.address, "vid001", TFUEL);
        const sig = pay.source.signature.slice();
        sig[5]! ^= 1;
        return { ...pay, source: { ...pay.source, signature: sig } };
      },
    ],
    ["another target", C.WrongTarget, async ({ payer }) => payer.pay(c.address, "vid001", TFUEL)],
    [
      "an unknown resource id",
      C.UnknownResource,
      async ({ payer }) => {
        const pay = payer.pay(b.address, "vid001", TFUEL);
        const tampered = { ...pay, resourceId: "vid999" };
        return { ...tampered, source: { ...tampered.source, signature: a.sign(new Uint8Array(0)) } };
      },
    ],
    [
      "an unknown pool (other reserve sequence)",
      C.UnknownPool,
      async ({ payer }) => ({ ...payer.pay(b.address, "vid001", TFUEL), reserveSequence: 4n }),
    ],
    ["an expired pool", C.PoolExpired, async ({ payer }) => payer.pay(b.address, "vid001", TFUEL), 2001n],
    ["malformed bytes", C.Malformed, async () => hexToBytes("05c3808080")],
    [
      "a transaction of another type",
      C.NotAServicePayment,
      async () =>
        hexToBytes(
          "04f86aca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808004b8415e2f699cb396a72e18f99eb688a9435a7da3cf5041c821eb41600ffabfe59be90f7b7b7f340e04f2f77911575c41c40919eed9699183cbc327a090c6418992d20003",
        ),
    ],
  ];
  for (const [name, code, build, height] of cases) {
    it(name, async () => {
      const s = setup();
      const result = await s.relay.accept(await build(s), s.p, height ?? 1000n);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe(code);
      expect(await s.store.list()).toHaveLength(0);
    });
  }

  it("a wrong chain id (signature made for another chain)", async () => {
    const s = setup(createMemoryPaymentStore(), "testnet");
    const r = await s.relay.accept(s.payer.pay(b.address, "vid001", TFUEL), s.p, 1000n);
    expect(r.ok ? undefined : r.code).toBe(C.BadSourceSignature);
  });

  it("a lower or equal cumulative amount, and a replay", async () => {
    const { p, payer, relay, store } = setup();
    const first = payer.pay(b.address, "vid001", 10n * TFUEL);
    const second = payer.pay(b.address, "vid001", 5n * TFUEL);
    expect((await relay.accept(second, p, 1000n)).ok).toBe(true);
    const lower = await relay.accept(first, p, 1000n);
    expect(lower.ok ? undefined : lower.code).toBe(C.AmountNotIncreasing);
    const replay = await relay.accept(second, p, 1000n);
    expect(replay.ok ? undefined : replay.code).toBe(C.AmountNotIncreasing);
    expect((await store.list())[0]!.amount).toBe(15n * TFUEL);
  });

  it("an old payment sequence after settlement", async () => {
    const { p, payer, relay } = setup();
    const pay = payer.pay(b.address, "vid001", 10n * TFUEL);
    await relay.accept(pay, p, 1000n);
    await relay.settle(a.address, 3n, { fee: FEE });
    const again = await relay.accept(pay, p, 1000n);
    expect(again.ok ? undefined : again.code).toBe(C.OldPaymentSequence);
    const chainSettled = pool(a.address, { transferRecords: [pay], usedFund: 10n * TFUEL });
    payer.observePool(chainSettled);
    expect((await relay.accept(payer.pay(b.address, "vid001", TFUEL), chainSettled, 1000n)).ok).toBe(true);
    expect(relay.latest(a.address, 3n)?.paymentSequence).toBe(2n);
  });

  it("an amount the pool can no longer cover", async () => {
    const { payer, relay } = setup();
    const pay = payer.pay(b.address, "vid001", 900n * TFUEL);
    const drained = pool(a.address, { usedFund: 200n * TFUEL });
    const r = await relay.accept(pay, drained, 1000n);
    expect(r.ok ? undefined : r.code).toBe(C.PoolCannotCover);
  });

  it("100,000 random byte strings never crash accept", async () => {
    const { p, relay, store } = setup();
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 48 }), async (bytes) => {
        const r = await relay.accept(bytes, p, 1000n);
        expect(r.ok).toBe(false);
        rejected++;
      }),
      { numRuns: 100_000 },
    );
    expect(rejected).toBe(100_000);
    expect(await store.list()).toHaveLength(0);
  });

  it("mutated real payments never crash accept", async () => {
    const { p, payer, relay } = setup();
    const raw = encodeTx(payer.pay(b.address, "vid001", TFUEL));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const m = raw.slice();
        m[i]! ^= x;
        const r = await relay.accept(m, p, 1000n);
        if (r.ok) expect(r.payment.source.coins.tfuelWei).toBeGreaterThan(0n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("relay restart", () => {
  it("keeps every accepted payment across a restart through the store", async () => {
    const store = createMemoryPaymentStore();
    const first = setup(store);
    await first.relay.accept(first.payer.pay(b.address, "vid001", 7n * TFUEL), first.p, 1000n);
    const restarted = createRelay({ signer: b, verifier: testVerifier, chainId: "privatenet", store });
    await restarted.restore();
    expect(restarted.latest(a.address, 3n)?.source.coins.tfuelWei).toBe(7n * TFUEL);
    const settlement = await restarted.settle(a.address, 3n, { fee: FEE });
    expect(settlement.tx.source.coins.tfuelWei).toBe(7n * TFUEL);
  });

  it("settling twice is a typed error", async () => {
    const { p, payer, relay } = setup();
    await relay.accept(payer.pay(b.address, "vid001", TFUEL), p, 1000n);
    await relay.settle(a.address, 3n, { fee: FEE });
    await expect(relay.settle(a.address, 3n, { fee: FEE })).rejects.toSatisfy((e: unknown) =>
      isThetaError(e, C.NothingToSettle),
    );
  });
});
