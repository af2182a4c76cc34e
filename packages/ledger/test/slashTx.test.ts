import {
  type Account,
  type ChainProfile,
  coins,
  decodeOverspendingProof,
  mainnet,
  newAccount,
  privatenet,
  type ServicePaymentTx,
  type SlashTx,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../src/execution/context.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { executeServicePaymentTx } from "../src/execution/servicePaymentTx.ts";
import {
  executeSlashTx,
  recordOverspend,
  slashIntentFromOverspend,
  slashTxFromIntent,
} from "../src/execution/slashTx.ts";
import { createBlockScratch } from "../src/rewards/blockInfo.ts";
import { codeOf, context, crypto, E18, fundedState, key } from "./helpers/stakeFixture.ts";

const S = key(6);
const T = key(7);
const X = key(11);
const OTHER = key(12);
const H = 100n;

function pay(
  profile: ChainProfile,
  amount: bigint,
  seq: bigint,
  from = S,
  reserveSequence = 1n,
): ServicePaymentTx {
  const tx: ServicePaymentTx = {
    type: TxType.ServicePayment,
    fee: coins(0n, 10n ** 12n * 300_000n),
    source: { address: from.address, coins: coins(0n, amount), sequence: 1n, signature: new Uint8Array(0) },
    target: { address: T.address, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
    paymentSequence: seq,
    reserveSequence,
    resourceId: "rid",
  };
  return crypto.signTx(profile.chainId, crypto.signTx(profile.chainId, tx, from.sk), T.sk);
}

/** S has a pool (collateral 20, fund 10, 8 used by one settled payment); X is a validator with 1 TFUEL. */
async function setup(profile: ChainProfile, mode: ExecMode = ExecMode.Deliver) {
  const state = await fundedState([X.address, T.address], coins(0n, E18));
  const settled = pay(profile, 8n * E18, 1n);
  const pool = {
    collateral: coins(0n, 20n * E18),
    initialFund: coins(0n, 10n * E18),
    usedFund: coins(0n, 8n * E18),
    resourceIds: ["rid"],
    endBlockHeight: H + 100n,
    reserveSequence: 1n,
    transferRecords: [settled],
  };
  const source: Account = { ...newAccount(S.address), sequence: 1n, reservedFunds: [pool] };
  await state.setAccount(source);
  const ctx: ExecContext = {
    ...context(state, profile, H, mode),
    rewards: { validators: [{ address: X.address, stake: 1n }] },
    scratch: createBlockScratch(),
  };
  return { state, ctx, source, overspend: pay(profile, 5n * E18, 2n) };
}

function slash(profile: ChainProfile, o: Partial<SlashTx> & { signer?: typeof X } = {}): SlashTx {
  const { signer = X, ...rest } = o;
  return crypto.signTx(
    profile.chainId,
    {
      ...slashTxFromIntent(
        { address: S.address, reserveSequence: 1n, proof: new Uint8Array(0) },
        signer.address,
      ),
      ...rest,
    },
    signer.sk,
  );
}

describe("slashing on privatenet (docs/decisions.md §8)", () => {
  const profile = privatenet;

  it("an overspending settlement raises an intent whose SlashTx pays collateral + remaining fund to the proposer", async () => {
    const { state, ctx, overspend } = await setup(profile);
    expect(codeOf(await executeServicePaymentTx(ctx, overspend))).toBeUndefined();
    const source = (await state.getAccount(S.address))!;
    expect(source.reservedFunds[0]!.usedFund).toEqual(coins(0n, 8n * E18));
    // The settlement itself raised the intent, built from the pool as it stood before it.
    expect(ctx.scratch!.slashIntents).toHaveLength(1);
    const intent = ctx.scratch!.slashIntents[0]!;
    expect(intent.address).toEqual(S.address);
    const proof = decodeOverspendingProof(intent.proof);
    expect(proof.servicePayments.map((p) => p.paymentSequence)).toEqual([1n, 2n]);

    const next: ExecContext = { ...ctx, height: H + 1n, scratch: createBlockScratch() };
    const tx = crypto.signTx(profile.chainId, slashTxFromIntent(intent, X.address), X.sk);
    expect(codeOf(await executeSlashTx(next, tx))).toBeUndefined();
    expect((await state.getAccount(X.address))!.balance).toEqual(coins(0n, E18 + 22n * E18));
    expect((await state.getAccount(S.address))!.reservedFunds).toEqual([]);
    expect(codeOf(await executeSlashTx(next, tx))).toBe(ExecCode.Generic);
  });

  it("no intent in check mode, without a scratch, or for a payment outside the pool", async () => {
    const { ctx, source, overspend } = await setup(profile, ExecMode.Check);
    expect(recordOverspend(ctx, source, overspend)).toBeUndefined();
    expect(recordOverspend(context(ctx.state, profile, H), source, overspend)).toBeUndefined();
    expect(slashIntentFromOverspend(source, { ...overspend, resourceId: "other" })).toBeUndefined();
    expect(ctx.scratch!.slashIntents).toEqual([]);
  });

  it("each check of the SlashTx in order", async () => {
    const { ctx, source, overspend } = await setup(profile);
    const intent = slashIntentFromOverspend(source, overspend)!;
    const run = async (tx: SlashTx, c: ExecContext = ctx) => codeOf(await executeSlashTx(c, tx));
    const good = slash(profile, { slashProof: intent.proof });
    expect(await run(good, { ...ctx, mode: ExecMode.Check })).toBe(ExecCode.UnauthorizedTx);
    expect(await run(good, { ...context(ctx.state, profile, H), scratch: createBlockScratch() })).toBe(
      ExecCode.UnauthorizedTx,
    );
    expect(await run(slash(profile, { slashProof: intent.proof, signer: OTHER }))).toBe(ExecCode.Generic);
    const unknown: ExecContext = { ...ctx, rewards: { validators: [{ address: OTHER.address, stake: 1n }] } };
    expect(await run(slash(profile, { slashProof: intent.proof, signer: OTHER }), unknown)).toBe(
      ExecCode.Generic,
    );
    expect(await run({ ...good, proposer: { ...good.proposer, signature: new Uint8Array(65) } })).toBe(
      ExecCode.Generic,
    );
    expect(await run(slash(profile, { slashProof: intent.proof, slashedAddress: OTHER.address }))).toBe(
      ExecCode.Generic,
    );
    expect(await run(slash(profile, { slashProof: intent.proof, reserveSequence: 2n }))).toBe(
      ExecCode.Generic,
    );
    const notOver = slashIntentFromOverspend(source, pay(profile, 2n * E18, 2n))!;
    expect(await run(slash(profile, { slashProof: notOver.proof }))).toBe(ExecCode.Generic);
    const foreign = slashIntentFromOverspend(
      { ...source, address: OTHER.address },
      pay(profile, 5n * E18, 2n, OTHER),
    )!;
    expect(await run(slash(profile, { slashProof: foreign.proof }))).toBe(ExecCode.Generic);
    expect(await run(slash(profile, { slashProof: new Uint8Array([0xc1]) }))).toBe(ExecCode.Generic);
    expect(await run(good)).toBeUndefined();
  });
});

describe("slashing on mainnet (reference behaviour)", () => {
  it("SlashTx is an unknown tx type and an overspend raises no intent", async () => {
    const { ctx, source, overspend } = await setup(mainnet);
    const intent = slashIntentFromOverspend(source, overspend)!;
    expect(recordOverspend(ctx, source, overspend)).toBeUndefined();
    const r = await executeSlashTx(ctx, slash(mainnet, { slashProof: intent.proof }));
    expect(codeOf(r)).toBe(ExecCode.Generic);
    expect(r.ok ? "" : r.failure.message).toMatch(/unknown tx type/);
  });
});
