import {
  type ChainProfile,
  type Coins,
  coins,
  EMPTY_ROOT_HASH,
  mainnet,
  minTxFee,
  newAccount,
  privatenet,
  type ServicePaymentTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { executeServicePaymentTx } from "../src/execution/servicePaymentTx.ts";
import { openStateView } from "../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK_S = new Uint8Array(32).fill(6);
const SK_T = new Uint8Array(32).fill(7);
const S = crypto.privateKeyToAddress(SK_S);
const T = crypto.privateKeyToAddress(SK_T);
const X = crypto.privateKeyToAddress(new Uint8Array(32).fill(8));
const E18 = 10n ** 18n;
const cases = [
  { profile: privatenet, height: 100n, name: privatenet.name },
  { profile: mainnet, height: 20_000_000n, name: mainnet.name },
];

async function setup(height: bigint, mode: ExecMode, profile: ChainProfile) {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  const pool = {
    collateral: coins(0n, 20n * E18),
    initialFund: coins(0n, 10n * E18),
    usedFund: coins(0n, 0n),
    resourceIds: ["rid"],
    endBlockHeight: height + 100n,
    reserveSequence: 1n,
    transferRecords: [],
  };
  await state.setAccount({ ...newAccount(S), sequence: 1n, reservedFunds: [pool] });
  return { state, ctx: { state, profile, height, crypto, mode } };
}

function pay(
  profile: ChainProfile,
  height: bigint,
  amount: Coins,
  o: { seq?: bigint; fee?: bigint; rid?: string } = {},
) {
  const tx: ServicePaymentTx = {
    type: TxType.ServicePayment,
    fee: coins(0n, o.fee ?? minTxFee(profile, height)),
    source: { address: S, coins: amount, sequence: 1n, signature: new Uint8Array(0) },
    target: { address: T, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
    paymentSequence: o.seq ?? 1n,
    reserveSequence: 1n,
    resourceId: o.rid ?? "rid",
  };
  return crypto.signTx(profile.chainId, crypto.signTx(profile.chainId, tx, SK_S), SK_T);
}

describe.each(cases)("ServicePaymentTx on $name", ({ profile, height }) => {
  const code = async (ctx: Parameters<typeof executeServicePaymentTx>[0], tx: ServicePaymentTx) => {
    const r = await executeServicePaymentTx(ctx, tx);
    return r.ok ? undefined : r.failure.code;
  };

  it("settles into the target, records the payment, the target pays the fee; splits follow the rule", async () => {
    const { state, ctx } = await setup(height, ExecMode.Deliver, profile);
    await state.setSplitRule({
      initiatorAddress: T,
      resourceId: "rid",
      splits: [{ address: X, percentage: 30n }],
      endBlockHeight: height + 50n,
    });
    const tx = pay(profile, height, coins(0n, 2n * E18));
    expect(await code(ctx, tx)).toBeUndefined();
    expect((await state.getAccount(X))?.balance.tfuelWei).toBe((6n * E18) / 10n);
    expect((await state.getAccount(T))?.balance.tfuelWei).toBe((14n * E18) / 10n - tx.fee.tfuelWei);
    const pool = (await state.getAccount(S))!.reservedFunds[0]!;
    expect([pool.usedFund.tfuelWei, pool.transferRecords.length]).toEqual([2n * E18, 1]);
    // the same payment sequence for the same target is refused next time
    expect(await code(ctx, tx)).toBe(ExecCode.CheckTransferReservedFundFailed);
  });

  it("an overspend or an unlisted resource moves nothing but still charges the target's fee", async () => {
    const { state, ctx } = await setup(height, ExecMode.Deliver, profile);
    expect(await code(ctx, pay(profile, height, coins(0n, 11n * E18)))).toBe(ExecCode.InsufficientFund);
    await state.setAccount({ ...newAccount(T), balance: coins(0n, E18) });
    const fee = minTxFee(profile, height);
    expect(await code(ctx, pay(profile, height, coins(0n, 11n * E18)))).toBeUndefined();
    expect((await state.getAccount(T))?.balance.tfuelWei).toBe(E18 - fee);
    expect(await code(ctx, pay(profile, height, coins(0n, E18), { rid: "other" }))).toBeUndefined();
    expect((await state.getAccount(T))?.balance.tfuelWei).toBe(E18 - 2n * fee);
    expect((await state.getAccount(S))!.reservedFunds[0]!.transferRecords.length).toBe(0);
  });

  it("check mode writes nothing; each sanity check", async () => {
    const { state, ctx } = await setup(height, ExecMode.Check, profile);
    const before = await state.root();
    const good = pay(profile, height, coins(0n, E18));
    expect(await code(ctx, good)).toBeUndefined();
    expect(await state.root()).toEqual(before);
    expect(await code(ctx, { ...good, target: { ...good.target, address: S } })).toBe(ExecCode.Generic);
    expect(await code(ctx, { ...good, source: { ...good.source, address: X } })).toBe(ExecCode.Generic);
    expect(await code(ctx, pay(profile, height, coins(1n, E18)))).toBe(ExecCode.Generic);
    expect(await code(ctx, { ...good, source: { ...good.source, signature: new Uint8Array(65) } })).toBe(
      ExecCode.InvalidSignature,
    );
    expect(await code(ctx, { ...good, target: { ...good.target, signature: new Uint8Array(65) } })).toBe(
      ExecCode.InvalidSignature,
    );
    expect(await code(ctx, pay(profile, height, coins(0n, E18), { fee: 1n }))).toBe(ExecCode.InvalidFee);
    expect(await code({ ...ctx, height: height + 200n }, pay(profile, height + 200n, coins(0n, E18)))).toBe(
      ExecCode.CheckTransferReservedFundFailed,
    );
  });
});
