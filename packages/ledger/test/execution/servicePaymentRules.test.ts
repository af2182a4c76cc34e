/**
 * ServicePaymentTx's checks and settlement details (docs/ledger.md §5.6): each check's message, the
 * pool expiry at P = H − 1, a failing split, the expired split rule deleted, the source written with
 * its lazy release, and no slash intent for a payment the pool covers.
 */
import {
  bytesToHex,
  type Coins,
  coins,
  EMPTY_ROOT_HASH,
  minTxFee,
  newAccount,
  privatenet,
  type ReservedFund,
  type ServicePaymentTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { executeServicePaymentTx } from "../../src/execution/servicePaymentTx.ts";
import { createBlockScratch } from "../../src/rewards/blockInfo.ts";
import { openStateView, type StateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK_S = new Uint8Array(32).fill(41);
const SK_T = new Uint8Array(32).fill(42);
const S = crypto.privateKeyToAddress(SK_S);
const T = crypto.privateKeyToAddress(SK_T);
const X = crypto.privateKeyToAddress(new Uint8Array(32).fill(43));
const E18 = 10n ** 18n;
const H = 100n;
const P = H - 1n;
const FEE = minTxFee(privatenet, H);

const pool = (end: bigint, seq = 1n): ReservedFund => ({
  collateral: coins(0n, 20n * E18),
  initialFund: coins(0n, 10n * E18),
  usedFund: coins(0n, 0n),
  resourceIds: ["rid"],
  endBlockHeight: end,
  reserveSequence: seq,
  transferRecords: [],
});

async function setup(
  pools: ReservedFund[],
  mode: ExecMode = ExecMode.Deliver,
): Promise<{ state: StateView; ctx: ExecContext }> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(S), sequence: 1n, reservedFunds: pools });
  await state.setAccount({ ...newAccount(T), balance: coins(0n, E18) });
  return {
    state,
    ctx: { state, profile: privatenet, height: H, crypto, mode, scratch: createBlockScratch() },
  };
}

function pay(amount: Coins, o: { seq?: bigint; rid?: string } = {}): ServicePaymentTx {
  const tx: ServicePaymentTx = {
    type: TxType.ServicePayment,
    fee: coins(0n, FEE),
    source: { address: S, coins: amount, sequence: 1n, signature: new Uint8Array(0) },
    target: { address: T, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
    paymentSequence: o.seq ?? 1n,
    reserveSequence: 1n,
    resourceId: o.rid ?? "rid",
  };
  return crypto.signTx(privatenet.chainId, crypto.signTx(privatenet.chainId, tx, SK_S), SK_T);
}

const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;

describe("ServicePaymentTx checks", () => {
  it("names each sanity check", async () => {
    const { ctx } = await setup([pool(H + 10n)], ExecMode.Check);
    const good = pay(coins(0n, E18));
    const negTarget = { ...good, target: { ...good.target, coins: coins(0n, -1n) } };
    expect(failureOf(await executeServicePaymentTx(ctx, negTarget))).toEqual({
      code: ExecCode.Generic,
      message: "service_payment: source and target coins must be non-negative",
    });
    const negSource = { ...good, source: { ...good.source, coins: coins(-1n, 0n) } };
    expect(failureOf(await executeServicePaymentTx(ctx, negSource))?.message).toBe(
      "service_payment: source and target coins must be non-negative",
    );
    expect(
      failureOf(await executeServicePaymentTx(ctx, { ...good, target: { ...good.target, address: S } })),
    ).toEqual({
      code: ExecCode.Generic,
      message: "service_payment: source and target must differ",
    });
    expect(
      failureOf(await executeServicePaymentTx(ctx, { ...good, source: { ...good.source, address: X } })),
    ).toEqual({
      code: ExecCode.Generic,
      message: `service_payment.source: unknown address 0x${bytesToHex(X)}`,
    });
    expect(failureOf(await executeServicePaymentTx(ctx, pay(coins(1n, E18))))).toEqual({
      code: ExecCode.Generic,
      message: "service_payment.source.coins: cannot send ThetaWei as service payment",
    });
  });

  it("checks the source's signature first, then the target's", async () => {
    const { ctx } = await setup([pool(H + 10n)], ExecMode.Check);
    const good = pay(coins(0n, E18));
    const badSource = { ...good, source: { ...good.source, signature: good.target.signature } };
    expect(failureOf(await executeServicePaymentTx(ctx, badSource))).toEqual({
      code: ExecCode.InvalidSignature,
      message: "service_payment.source.signature: does not verify",
    });
    const badTarget = { ...good, target: { ...good.target, signature: good.source.signature } };
    expect(failureOf(await executeServicePaymentTx(ctx, badTarget))).toEqual({
      code: ExecCode.InvalidSignature,
      message: "service_payment.target.signature: does not verify",
    });
    expect(await executeServicePaymentTx(ctx, good)).toEqual({ ok: true });
  });

  it("a pool ending exactly at P still pays; one ending at P − 1 has expired", async () => {
    const atP = await setup([pool(P)], ExecMode.Check);
    expect(await executeServicePaymentTx(atP.ctx, pay(coins(0n, E18)))).toEqual({ ok: true });
    const before = await setup([pool(P - 1n)], ExecMode.Check);
    expect(failureOf(await executeServicePaymentTx(before.ctx, pay(coins(0n, E18))))).toEqual({
      code: ExecCode.CheckTransferReservedFundFailed,
      message: "Already expired",
    });
  });

  it("the target must cover the fee after its share; the message names the target", async () => {
    const { state, ctx } = await setup([pool(H + 10n)]);
    await state.setAccount({ ...newAccount(T), balance: coins(0n, 0n) });
    // An unlisted resource moves nothing, so the target has nothing to pay the fee with.
    expect(failureOf(await executeServicePaymentTx(ctx, pay(coins(0n, E18), { rid: "other" })))).toEqual({
      code: ExecCode.InsufficientFund,
      message: "service_payment.target: balance cannot cover the fee",
    });
  });
});

describe("ServicePaymentTx settlement", () => {
  it("a split rule whose percentages exceed 100 in total fails the settlement", async () => {
    const { state, ctx } = await setup([pool(H + 10n)]);
    await state.setSplitRule({
      initiatorAddress: T,
      resourceId: "rid",
      splits: [
        { address: X, percentage: 60n },
        { address: S, percentage: 50n },
      ],
      endBlockHeight: H + 50n,
    });
    const before = await state.root();
    expect(failureOf(await executeServicePaymentTx(ctx, pay(coins(0n, E18))))).toEqual({
      code: ExecCode.CheckTransferReservedFundFailed,
      message: "Failed to split payment",
    });
    expect(await state.root()).toEqual(before);
  });

  it("an expired split rule (end < P) is deleted and the target gets everything; a live one stays", async () => {
    const { state, ctx } = await setup([pool(H + 10n)]);
    const rule = { initiatorAddress: T, splits: [{ address: X, percentage: 50n }] };
    await state.setSplitRule({ ...rule, resourceId: "rid", endBlockHeight: P - 1n });
    expect(await executeServicePaymentTx(ctx, pay(coins(0n, 2n * E18)))).toEqual({ ok: true });
    expect(await state.getSplitRule("rid")).toBeUndefined();
    expect((await state.getAccount(T))?.balance.tfuelWei).toBe(3n * E18 - FEE);
    await state.setSplitRule({ ...rule, resourceId: "rid", endBlockHeight: P });
    expect(await executeServicePaymentTx(ctx, pay(coins(0n, 4n * E18), { seq: 2n }))).toEqual({ ok: true });
    expect((await state.getSplitRule("rid"))?.endBlockHeight).toBe(P);
    expect((await state.getAccount(X))?.balance.tfuelWei).toBe(2n * E18);
  });

  it("the source is written with its lazy release even when the resource is not in the pool", async () => {
    const expired = pool(P - 5n, 0n);
    const { state, ctx } = await setup([expired, pool(H + 10n)]);
    expect(await executeServicePaymentTx(ctx, pay(coins(0n, E18), { rid: "other" }))).toEqual({ ok: true });
    const s = await state.getAccount(S);
    expect(s?.reservedFunds.map((f) => f.reserveSequence)).toEqual([1n]);
    expect(s?.balance.tfuelWei).toBe(30n * E18);
  });

  it("a payment the pool covers raises no slash intent; an overspend raises one", async () => {
    const { state, ctx } = await setup([pool(H + 10n)]);
    expect(await executeServicePaymentTx(ctx, pay(coins(0n, E18)))).toEqual({ ok: true });
    expect(ctx.scratch?.slashIntents).toHaveLength(0);
    await state.setAccount({ ...newAccount(T), balance: coins(0n, E18) });
    expect(await executeServicePaymentTx(ctx, pay(coins(0n, 11n * E18), { seq: 2n }))).toEqual({ ok: true });
    expect(ctx.scratch?.slashIntents).toHaveLength(1);
  });
});
