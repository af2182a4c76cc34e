/**
 * ReserveFundTx and ReleaseFundTx check order and messages (docs/ledger.md §5.4, §5.5): the fund
 * checks that come before the fee check and those after it; ReleaseFundTx's fee, balance and
 * release-height checks at P = H − 1.
 */
import {
  bytesToHex,
  type Coins,
  coins,
  EMPTY_ROOT_HASH,
  minTxFee,
  newAccount,
  privatenet,
  type ReleaseFundTx,
  type ReservedFund,
  type ReserveFundTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { executeReleaseFundTx, executeReserveFundTx } from "../../src/execution/reserveFundTx.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { openStateView, type StateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK = new Uint8Array(32).fill(31);
const A = crypto.privateKeyToAddress(SK);
const OTHER = crypto.privateKeyToAddress(new Uint8Array(32).fill(32));
const E18 = 10n ** 18n;
const H = 100n;
const FEE = minTxFee(privatenet, H);

async function setup(
  balance: Coins,
  pools: ReservedFund[] = [],
): Promise<{ state: StateView; ctx: ExecContext }> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance, reservedFunds: pools });
  return { state, ctx: { state, profile: privatenet, height: H, crypto, mode: ExecMode.Check } };
}

function reserve(o: { fund?: Coins; collateral?: Coins; fee?: bigint } = {}): ReserveFundTx {
  const tx: ReserveFundTx = {
    type: TxType.ReserveFund,
    fee: coins(0n, o.fee ?? FEE),
    source: { address: A, coins: o.fund ?? coins(0n, 5n * E18), sequence: 1n, signature: new Uint8Array(0) },
    collateral: o.collateral ?? coins(0n, 6n * E18),
    resourceIds: ["rid"],
    duration: 1000n,
  };
  return crypto.signTx(privatenet.chainId, tx, SK);
}

function release(o: { fee?: bigint; seq?: bigint } = {}): ReleaseFundTx {
  const tx: ReleaseFundTx = {
    type: TxType.ReleaseFund,
    fee: coins(0n, o.fee ?? FEE),
    source: { address: A, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
    reserveSequence: o.seq ?? 1n,
  };
  return crypto.signTx(privatenet.chainId, tx, SK);
}

const pool = (end: bigint): ReservedFund => ({
  collateral: coins(0n, 2n * E18),
  initialFund: coins(0n, E18),
  usedFund: coins(0n, 0n),
  resourceIds: ["rid"],
  endBlockHeight: end,
  reserveSequence: 1n,
  transferRecords: [],
});

const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;

describe("ReserveFundTx check order", () => {
  it("a valid pool with a fee below the minimum fails on the fee", async () => {
    const { ctx } = await setup(coins(0n, 100n * E18));
    expect(failureOf(await executeReserveFundTx(ctx, reserve({ fee: FEE - 1n })))?.code).toBe(
      ExecCode.InvalidFee,
    );
    expect(await executeReserveFundTx(ctx, reserve())).toEqual({ ok: true });
  });

  it("a fund without THETA checks is reported before the fee; the collateral check after it", async () => {
    const { ctx } = await setup(coins(10n * E18, 100n * E18));
    const theta = reserve({ fund: coins(1n, 5n * E18), fee: FEE - 1n });
    expect(failureOf(await executeReserveFundTx(ctx, theta))?.code).toBe(ExecCode.InvalidFundToReserve);
    const none = reserve({ fund: coins(0n, 0n), fee: FEE - 1n });
    expect(failureOf(await executeReserveFundTx(ctx, none))?.code).toBe(ExecCode.ReservedFundNotSpecified);
    // Collateral not above the fund: a later pool check, so the bad fee wins.
    const low = { collateral: coins(0n, 5n * E18), fund: coins(0n, 5n * E18) };
    expect(failureOf(await executeReserveFundTx(ctx, reserve({ ...low, fee: FEE - 1n })))?.code).toBe(
      ExecCode.InvalidFee,
    );
    expect(failureOf(await executeReserveFundTx(ctx, reserve(low)))?.code).toBe(
      ExecCode.ReserveFundCheckFailed,
    );
  });

  it("names negative coins and an unknown source", async () => {
    const { ctx } = await setup(coins(0n, 100n * E18));
    const t = reserve();
    expect(
      failureOf(await executeReserveFundTx(ctx, { ...t, source: { ...t.source, coins: coins(-1n, 0n) } })),
    ).toEqual({
      code: ExecCode.Generic,
      message: "reserve_fund.source.coins: expected non-negative amounts",
    });
    expect(
      failureOf(await executeReserveFundTx(ctx, { ...t, source: { ...t.source, address: OTHER } })),
    ).toEqual({
      code: ExecCode.Generic,
      message: `reserve_fund.source: unknown address 0x${bytesToHex(OTHER)}`,
    });
  });
});

describe("ReleaseFundTx checks", () => {
  it("names negative coins and an unknown source", async () => {
    const { ctx } = await setup(coins(0n, 100n * E18));
    const t = release();
    expect(
      failureOf(await executeReleaseFundTx(ctx, { ...t, source: { ...t.source, coins: coins(0n, -1n) } })),
    ).toEqual({
      code: ExecCode.Generic,
      message: "release_fund.source.coins: expected non-negative amounts",
    });
    expect(
      failureOf(await executeReleaseFundTx(ctx, { ...t, source: { ...t.source, address: OTHER } })),
    ).toEqual({
      code: ExecCode.Generic,
      message: `release_fund.source: unknown address 0x${bytesToHex(OTHER)}`,
    });
  });

  it("the fee must reach the minimum and the balance must cover it, before the pool is looked at", async () => {
    const { state, ctx } = await setup(coins(0n, 100n * E18));
    expect(failureOf(await executeReleaseFundTx(ctx, release({ fee: FEE - 1n })))?.code).toBe(
      ExecCode.InvalidFee,
    );
    await state.setAccount({ ...newAccount(A), balance: coins(0n, FEE - 1n) });
    expect(failureOf(await executeReleaseFundTx(ctx, release()))).toEqual({
      code: ExecCode.InsufficientFund,
      message: "release_fund: balance below the fee",
    });
    // With the fee covered, the missing pool is what fails.
    await state.setAccount({ ...newAccount(A), balance: coins(0n, FEE) });
    expect(failureOf(await executeReleaseFundTx(ctx, release()))?.code).toBe(ExecCode.ReleaseFundCheckFailed);
  });

  it("a pool releasable only at H (end + 5 = P + 1) cannot be released yet at P = H − 1", async () => {
    const p = H - 1n;
    const { ctx } = await setup(coins(0n, 100n * E18), [pool(p + 1n - 5n)]);
    const r = failureOf(await executeReleaseFundTx(ctx, release()));
    expect(r).toEqual({
      code: ExecCode.ReleaseFundCheckFailed,
      message: `Fund cannot be released until blockheight ${p + 1n}`,
    });
  });
});
