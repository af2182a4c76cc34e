/**
 * SlashTx's failure messages and the self-slash rule (docs/decisions.md §8): each check names what
 * is wrong (the codes are all Generic), the intent needs the pool of the payment's reserve sequence
 * listing its resource, and a proposer slashing its own pool keeps the pool's funds once.
 */
import {
  type Account,
  bytesToHex,
  type ChainProfile,
  coins,
  mainnet,
  newAccount,
  privatenet,
  type ServicePaymentTx,
  type SlashTx,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { executeSlashTx, slashIntentFromOverspend, slashTxFromIntent } from "../../src/execution/slashTx.ts";
import { createBlockScratch } from "../../src/rewards/blockInfo.ts";
import { context, crypto, E18, fundedState, type Key, key } from "../helpers/stakeFixture.ts";

const S = key(91);
const T = key(92);
const X = key(93);
const OTHER = key(94);
const H = 100n;

function pay(profile: ChainProfile, from: Key, amount: bigint, seq: bigint): ServicePaymentTx {
  const tx: ServicePaymentTx = {
    type: TxType.ServicePayment,
    fee: coins(0n, 10n ** 12n * 300_000n),
    source: { address: from.address, coins: coins(0n, amount), sequence: 1n, signature: new Uint8Array(0) },
    target: { address: T.address, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
    paymentSequence: seq,
    reserveSequence: 1n,
    resourceId: "rid",
  };
  return crypto.signTx(profile.chainId, crypto.signTx(profile.chainId, tx, from.sk), T.sk);
}

/** `owner` gets a pool (collateral 20, fund 10, 8 used by one settled payment); X is the validator. */
async function setup(profile: ChainProfile, owner: Key = S) {
  const state = await fundedState([X.address, T.address], coins(0n, E18));
  const pool = {
    collateral: coins(0n, 20n * E18),
    initialFund: coins(0n, 10n * E18),
    usedFund: coins(0n, 8n * E18),
    resourceIds: ["rid"],
    endBlockHeight: H + 100n,
    reserveSequence: 1n,
    transferRecords: [pay(profile, owner, 8n * E18, 1n)],
  };
  const base = (await state.getAccount(owner.address)) ?? newAccount(owner.address);
  const source: Account = { ...base, reservedFunds: [pool] };
  await state.setAccount(source);
  const ctx: ExecContext = {
    ...context(state, profile, H),
    rewards: { validators: [{ address: X.address, stake: 1n }] },
    scratch: createBlockScratch(),
  };
  const intent = slashIntentFromOverspend(source, pay(profile, owner, 5n * E18, 2n))!;
  return { state, ctx, source, intent };
}

function slash(profile: ChainProfile, proof: Uint8Array, o: Partial<SlashTx> = {}, signer: Key = X): SlashTx {
  const unsigned = {
    ...slashTxFromIntent({ address: S.address, reserveSequence: 1n, proof }, signer.address),
    ...o,
  };
  return crypto.signTx(profile.chainId, unsigned, signer.sk);
}

const messageOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? "" : (r.failure?.message ?? "");

describe("SlashTx messages", () => {
  it("names the disabled type on mainnet and the screening refusal", async () => {
    const main = await setup(mainnet);
    expect(messageOf(await executeSlashTx(main.ctx, slash(mainnet, main.intent.proof)))).toBe(
      "SlashTx: unknown tx type (slashing is disabled on mainnet)",
    );
    const { ctx, intent } = await setup(privatenet);
    const r = await executeSlashTx({ ...ctx, mode: ExecMode.Check }, slash(privatenet, intent.proof));
    expect(r).toEqual({
      ok: false,
      failure: { code: ExecCode.UnauthorizedTx, message: "slash: only a block's proposer may include it" },
    });
  });

  it("names negative coins, a proposer outside the set, an unknown proposer and a bad signature", async () => {
    const { ctx, intent } = await setup(privatenet);
    const good = slash(privatenet, intent.proof);
    const neg = { ...good, proposer: { ...good.proposer, coins: coins(0n, -1n) } };
    expect(messageOf(await executeSlashTx(ctx, neg))).toBe(
      "slash.proposer.coins: expected non-negative amounts",
    );
    expect(messageOf(await executeSlashTx(ctx, slash(privatenet, intent.proof, {}, OTHER)))).toBe(
      `slash.proposer: 0x${bytesToHex(OTHER.address)} is not a validator`,
    );
    const otherSet: ExecContext = {
      ...ctx,
      rewards: { validators: [{ address: OTHER.address, stake: 1n }] },
    };
    expect(messageOf(await executeSlashTx(otherSet, slash(privatenet, intent.proof, {}, OTHER)))).toBe(
      `slash.proposer: unknown address 0x${bytesToHex(OTHER.address)}`,
    );
    const unsigned = { ...good, proposer: { ...good.proposer, signature: new Uint8Array(65) } };
    expect(messageOf(await executeSlashTx(ctx, unsigned))).toBe("slash.proposer.signature: does not verify");
  });

  it("names a missing slashed account and a failed proof check", async () => {
    const { ctx, intent } = await setup(privatenet);
    expect(
      messageOf(
        await executeSlashTx(ctx, slash(privatenet, intent.proof, { slashedAddress: OTHER.address })),
      ),
    ).toBe(`slash.slashed_address: account 0x${bytesToHex(OTHER.address)} does not exist`);
    const m = messageOf(await executeSlashTx(ctx, slash(privatenet, intent.proof, { reserveSequence: 2n })));
    expect(m.startsWith("slash: ")).toBe(true);
    expect(m.length).toBeGreaterThan("slash: ".length);
  });
});

describe("slash intents and the self-slash", () => {
  it("an intent needs the pool of the payment's reserve sequence that lists its resource", async () => {
    const { source } = await setup(privatenet);
    const p = pay(privatenet, S, 5n * E18, 2n);
    expect(slashIntentFromOverspend(source, p)?.reserveSequence).toBe(1n);
    expect(slashIntentFromOverspend(source, { ...p, reserveSequence: 2n })).toBeUndefined();
    expect(slashIntentFromOverspend(source, { ...p, resourceId: "other" })).toBeUndefined();
  });

  it("a proposer slashing its own pool gets collateral + remaining fund once, and loses the pool", async () => {
    const { state, ctx, intent } = await setup(privatenet, X);
    const before = (await state.getAccount(X.address))!.balance.tfuelWei;
    const tx = slash(privatenet, intent.proof, { slashedAddress: X.address });
    expect(await executeSlashTx(ctx, tx)).toEqual({ ok: true });
    const after = (await state.getAccount(X.address))!;
    expect(after.balance.tfuelWei).toBe(before + 22n * E18);
    expect(after.reservedFunds).toEqual([]);
  });
});
