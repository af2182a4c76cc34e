/**
 * SplitRuleTx's bounds and messages (docs/ledger.md §5.7): a split of exactly 100%, splits summing
 * to exactly 100% and 511 splits pass, one more fails naming the check; a rule ending exactly at P
 * survives a later delivery, one ending before P is deleted.
 */
import {
  bytesToHex,
  coins,
  EMPTY_ROOT_HASH,
  minTxFee,
  newAccount,
  privatenet,
  type Split,
  type SplitRuleTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { executeSplitRuleTx } from "../../src/execution/splitRuleTx.ts";
import { openStateView, type StateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK = new Uint8Array(32).fill(21);
const A = crypto.privateKeyToAddress(SK);
const B = crypto.privateKeyToAddress(new Uint8Array(32).fill(22));
const H = 100n;
const FEE = minTxFee(privatenet, H);

async function setup(mode: ExecMode = ExecMode.Check): Promise<{ state: StateView; ctx: ExecContext }> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(0n, 10n * FEE) });
  return { state, ctx: { state, profile: privatenet, height: H, crypto, mode } };
}

function rule(o: { splits?: Split[]; id?: string; seq?: bigint; duration?: bigint } = {}): SplitRuleTx {
  return crypto.signTx(
    privatenet.chainId,
    {
      type: TxType.SplitRule,
      fee: coins(0n, FEE),
      resourceId: o.id ?? "rid",
      initiator: { address: A, coins: coins(0n, 0n), sequence: o.seq ?? 1n, signature: new Uint8Array(0) },
      splits: o.splits ?? [],
      duration: o.duration ?? 10n,
    },
    SK,
  );
}

const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;

describe("SplitRuleTx bounds", () => {
  it("a single split of exactly 100% passes; 101% fails naming the split", async () => {
    const { ctx } = await setup();
    expect(await executeSplitRuleTx(ctx, rule({ splits: [{ address: B, percentage: 100n }] }))).toEqual({
      ok: true,
    });
    const bad = [
      { address: B, percentage: 0n },
      { address: B, percentage: 101n },
    ];
    expect(failureOf(await executeSplitRuleTx(ctx, rule({ splits: bad })))).toEqual({
      code: ExecCode.Generic,
      message: "split_rule.splits[1].percentage: expected ≤ 100",
    });
  });

  it("percentages summing to exactly 100 pass; 101 fails with the sum", async () => {
    const { ctx } = await setup();
    const hundred = [
      { address: A, percentage: 60n },
      { address: B, percentage: 40n },
    ];
    expect(await executeSplitRuleTx(ctx, rule({ splits: hundred }))).toEqual({ ok: true });
    const over = [...hundred, { address: B, percentage: 1n }];
    expect(failureOf(await executeSplitRuleTx(ctx, rule({ splits: over })))).toEqual({
      code: ExecCode.Generic,
      message: "split_rule.splits: percentages sum to 101, expected ≤ 100",
    });
  });

  it("511 splits pass (512 accounts with the initiator); 512 fail naming the limit", async () => {
    const { ctx } = await setup();
    const splits = (n: number) => Array.from({ length: n }, () => ({ address: B, percentage: 0n }));
    expect(await executeSplitRuleTx(ctx, rule({ splits: splits(511) }))).toEqual({ ok: true });
    expect(failureOf(await executeSplitRuleTx(ctx, rule({ splits: splits(512) })))).toEqual({
      code: ExecCode.Generic,
      message: "split_rule.splits: expected at most 511",
    });
  });

  it("names the unknown initiator, the fee and the other initiator's resource", async () => {
    const { state, ctx } = await setup();
    const other = crypto.privateKeyToAddress(new Uint8Array(32).fill(23));
    const t = rule();
    const unknown = { ...t, initiator: { ...t.initiator, address: other } };
    expect(failureOf(await executeSplitRuleTx(ctx, unknown))).toEqual({
      code: ExecCode.Generic,
      message: `split_rule.initiator: unknown address 0x${bytesToHex(other)}`,
    });
    const negative = { ...t, initiator: { ...t.initiator, coins: coins(0n, -1n) } };
    expect(failureOf(await executeSplitRuleTx(ctx, negative))).toEqual({
      code: ExecCode.Generic,
      message: "split_rule.initiator.coins: expected non-negative amounts",
    });
    await state.setAccount({ ...newAccount(A), balance: coins(0n, FEE - 1n) });
    expect(failureOf(await executeSplitRuleTx(ctx, rule()))).toEqual({
      code: ExecCode.InsufficientFund,
      message: "split_rule: balance below the fee",
    });
    await state.setAccount({ ...newAccount(A), balance: coins(0n, FEE) });
    expect(await executeSplitRuleTx(ctx, rule())).toEqual({ ok: true });
    await state.setSplitRule({
      initiatorAddress: B,
      resourceId: "taken",
      splits: [],
      endBlockHeight: H + 50n,
    });
    expect(failureOf(await executeSplitRuleTx(ctx, rule({ id: "taken" })))).toEqual({
      code: ExecCode.UnauthorizedToUpdateSplitRule,
      message: 'split_rule: resource "taken" belongs to another initiator',
    });
  });
});

describe("SplitRuleTx expiry on delivery", () => {
  it("keeps a rule ending exactly at P, deletes one ending at P − 1", async () => {
    const { state, ctx } = await setup(ExecMode.Deliver);
    const p = H - 1n;
    await state.setSplitRule({ initiatorAddress: B, resourceId: "atP", splits: [], endBlockHeight: p });
    await state.setSplitRule({
      initiatorAddress: B,
      resourceId: "beforeP",
      splits: [],
      endBlockHeight: p - 1n,
    });
    expect(await executeSplitRuleTx(ctx, rule({ duration: 7n }))).toEqual({ ok: true });
    const rules = await state.listSplitRules();
    expect(rules.map((r) => r.resourceId).sort()).toEqual(["atP", "rid"]);
    const mine = await state.getSplitRule("rid");
    expect(mine?.endBlockHeight).toBe(p + 7n);
    expect(mine?.initiatorAddress).toEqual(A);
    const a = await state.getAccount(A);
    expect([a?.sequence, a?.balance.tfuelWei]).toEqual([1n, 9n * FEE]);
  });

  it("check mode deletes no expired rule", async () => {
    const { state, ctx } = await setup(ExecMode.Check);
    await state.setSplitRule({ initiatorAddress: B, resourceId: "old", splits: [], endBlockHeight: 1n });
    expect(await executeSplitRuleTx(ctx, rule())).toEqual({ ok: true });
    expect((await state.listSplitRules()).map((r) => r.resourceId)).toEqual(["old"]);
  });
});
