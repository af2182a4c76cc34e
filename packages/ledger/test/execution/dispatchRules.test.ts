/**
 * The dispatcher (docs/ledger.md §4.1, §4.2) hands each tx type to its own executor, recognisable by
 * the prefix of its failure message, and opens the gated types exactly at their fork heights.
 */
import {
  coins,
  EMPTY_ROOT_HASH,
  mainnet,
  newAccount,
  privatenet,
  type Tx,
  type TxInput,
  TxType,
  ZERO_COINS,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { executeTx } from "../../src/execution/executeTx.ts";
import { openStateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const A = crypto.privateKeyToAddress(new Uint8Array(32).fill(5));
const B = crypto.privateKeyToAddress(new Uint8Array(32).fill(6));
const NO_SIG = new Uint8Array(0);
/** An input whose coins are negative: every executor refuses it, in its own words. */
const bad: TxInput = { address: A, coins: coins(-1n, 0n), sequence: 1n, signature: NO_SIG };
const out = { address: B, coins: ZERO_COINS };

async function ctxAt(
  profile = privatenet,
  height = 10n,
  mode: ExecMode = ExecMode.Deliver,
): Promise<ExecContext> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(10n ** 20n, 10n ** 20n) });
  return { state, profile, height, crypto, mode };
}

const messageOf = (r: { ok: boolean; failure?: { message: string } }): string =>
  r.ok ? "" : (r.failure?.message ?? "");

const send: Tx = { type: TxType.Send, fee: ZERO_COINS, inputs: [bad], outputs: [out] };
const reserve: Tx = {
  type: TxType.ReserveFund,
  fee: ZERO_COINS,
  source: bad,
  collateral: ZERO_COINS,
  resourceIds: ["r"],
  duration: 100n,
};
const release: Tx = { type: TxType.ReleaseFund, fee: ZERO_COINS, source: bad, reserveSequence: 1n };
const payment: Tx = {
  type: TxType.ServicePayment,
  fee: ZERO_COINS,
  source: bad,
  target: { ...bad, address: B },
  paymentSequence: 1n,
  reserveSequence: 1n,
  resourceId: "r",
};
const split: Tx = {
  type: TxType.SplitRule,
  fee: ZERO_COINS,
  resourceId: "r",
  initiator: bad,
  splits: [],
  duration: 1n,
};
const contract: Tx = {
  type: TxType.SmartContract,
  from: bad,
  to: out,
  gasLimit: 100_000n,
  gasPrice: 10n ** 12n,
  data: NO_SIG,
};
const depositV1: Tx = { type: TxType.DepositStake, fee: ZERO_COINS, source: bad, holder: out, purpose: 0 };
const depositV2: Tx = {
  ...depositV1,
  type: TxType.DepositStakeV2,
  blsPubkey: NO_SIG,
  blsPop: NO_SIG,
  holderSig: NO_SIG,
};
const withdraw: Tx = { type: TxType.WithdrawStake, fee: ZERO_COINS, source: bad, holder: out, purpose: 0 };
const distribution: Tx = {
  type: TxType.StakeRewardDistribution,
  fee: ZERO_COINS,
  holder: bad,
  beneficiary: out,
  splitBasisPoint: 0n,
};
const coinbase: Tx = { type: TxType.Coinbase, proposer: bad, outputs: [], blockHeight: 10n };
const slash: Tx = {
  type: TxType.Slash,
  proposer: bad,
  slashedAddress: B,
  reserveSequence: 1n,
  slashProof: NO_SIG,
};

describe("executeTx dispatch", () => {
  it.each([
    ["Send", send, /^send/],
    ["ReserveFund", reserve, /^reserve_fund/],
    ["ReleaseFund", release, /^release_fund/],
    ["ServicePayment", payment, /^service_payment/],
    ["SplitRule", split, /^split_rule/],
    ["SmartContract", contract, /^smart_contract/],
    ["DepositStake", depositV1, /^deposit_stake/],
    ["DepositStakeV2", depositV2, /^deposit_stake/],
    ["WithdrawStake", withdraw, /^withdraw_stake/],
    ["StakeRewardDistribution", distribution, /^stake_reward_distribution/],
    ["Coinbase", coinbase, /^coinbase/],
    ["Slash", slash, /^slash/],
  ] as const)("hands a %s to its executor", async (_name, tx, prefix) => {
    const m = messageOf(await executeTx(await ctxAt(), tx));
    expect(m).toMatch(prefix);
    expect(m).not.toMatch(/not supported yet at this height/);
  });

  it.each([
    ["SmartContractTx", contract, 8_411_427n],
    ["StakeRewardDistributionTx", distribution, 10_968_061n],
    ["DepositStakeTxV2", depositV2, 5_877_350n],
  ] as const)("opens %s exactly at its mainnet fork height", async (name, tx, gate) => {
    const below = messageOf(await executeTx(await ctxAt(mainnet, gate - 1n), tx));
    expect(below).toBe(`${name}: tx type not supported yet at this height`);
    const at = messageOf(await executeTx(await ctxAt(mainnet, gate), tx));
    expect(at).not.toMatch(/not supported yet/);
    expect(at).not.toBe("");
  });

  it("the legacy DepositStake, WithdrawStake and the other ungated types run below every gate", async () => {
    for (const tx of [depositV1, withdraw, send, reserve, release, payment, split]) {
      const m = messageOf(await executeTx(await ctxAt(mainnet, 10n), tx));
      expect(m).not.toMatch(/not supported yet/);
      expect(m).not.toBe("");
    }
  });

  it("screening refuses Coinbase and Slash before their executors see them", async () => {
    for (const [tx, name] of [
      [coinbase, "CoinbaseTx"],
      [slash, "SlashTx"],
    ] as const) {
      const m = messageOf(await executeTx(await ctxAt(privatenet, 10n, ExecMode.Check), tx));
      expect(m).toBe(`${name}: only a proposer may include it`);
    }
    // Screening lets the other types through to their executors.
    expect(messageOf(await executeTx(await ctxAt(privatenet, 10n, ExecMode.Check), send))).toMatch(/^send/);
  });
});
