/**
 * CoinbaseTx's failure messages (docs/ledger.md §5.1), one per check, each naming what is wrong:
 * the codes alone (coinbaseTx.test.ts) are all Generic and cannot tell the checks apart.
 */
import {
  bytesToHex,
  type CoinbaseTx,
  coins,
  privatenet,
  type StakeHolder,
  type TxOutput,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { executeCoinbaseTx } from "../../src/execution/coinbaseTx.ts";
import { ExecMode } from "../../src/execution/context.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { createBlockScratch } from "../../src/rewards/blockInfo.ts";
import { buildCoinbaseOutputs } from "../../src/rewards/blockRewards.ts";
import { newStake } from "../../src/staking/stakeHolder.ts";
import { validatorSetFromVcp } from "../../src/staking/validatorPool.ts";
import { context, crypto, E18, fundedState, type Key, key } from "../helpers/stakeFixture.ts";

const X = key(81);
const A = key(83).address;
const K = 1_000n * E18;
const X_STAKES: StakeHolder = { holder: X.address, stakes: [newStake(A, 600n * K)] };
const V = validatorSetFromVcp({ sortedCandidates: [X_STAKES] }, 31);
const H = 101n;
const P = H - 1n;

function coinbase(outputs: readonly TxOutput[], blockHeight = P, signer: Key = X): CoinbaseTx {
  const tx: CoinbaseTx = {
    type: TxType.Coinbase,
    proposer: { address: signer.address, coins: coins(0n, 0n), sequence: 0n, signature: new Uint8Array(0) },
    outputs,
    blockHeight,
  };
  return crypto.signTx(privatenet.chainId, tx, signer.sk);
}

async function setup(mode: ExecMode = ExecMode.Deliver) {
  const state = await fundedState([A], coins(0n, 5n * E18));
  await state.setVcp({ sortedCandidates: [X_STAKES] });
  const ctx = {
    ...context(state, privatenet, H, mode),
    rewards: { validators: V },
    scratch: createBlockScratch(),
  };
  const expected = await buildCoinbaseOutputs(ctx, { validators: V });
  return { state, ctx, expected };
}

const messageOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? "" : (r.failure?.message ?? "");

describe("CoinbaseTx messages", () => {
  it("names the screening refusal, negative coins and a proposer outside the validator set", async () => {
    const check = await setup(ExecMode.Check);
    const r = await executeCoinbaseTx(check.ctx, coinbase(check.expected));
    expect(r).toEqual({
      ok: false,
      failure: { code: ExecCode.UnauthorizedTx, message: "coinbase: only a block's proposer may include it" },
    });
    const { ctx, expected } = await setup();
    const good = coinbase(expected);
    const neg = { ...good, proposer: { ...good.proposer, coins: coins(-1n, 0n) } };
    expect(messageOf(await executeCoinbaseTx(ctx, neg))).toBe(
      "coinbase.proposer.coins: expected non-negative amounts",
    );
    const stranger = key(84);
    expect(messageOf(await executeCoinbaseTx(ctx, coinbase(expected, P, stranger)))).toBe(
      `coinbase.proposer: 0x${bytesToHex(stranger.address)} is not a validator`,
    );
  });

  it("names the signature, a repeated output, the block height and the output count", async () => {
    const { ctx, expected } = await setup();
    const good = coinbase(expected);
    const unsigned = { ...good, proposer: { ...good.proposer, signature: new Uint8Array(65) } };
    expect(messageOf(await executeCoinbaseTx(ctx, unsigned))).toBe(
      "coinbase.proposer.signature: does not verify",
    );
    const twice = coinbase([...expected, expected[0]!]);
    expect(messageOf(await executeCoinbaseTx(ctx, twice))).toBe(
      `coinbase.outputs[${expected.length}]: address 0x${bytesToHex(expected[0]!.address)} appears twice`,
    );
    expect(messageOf(await executeCoinbaseTx(ctx, coinbase(expected, H)))).toBe(
      `coinbase.block_height: expected ${P} (the parent height), got ${H}`,
    );
    expect(messageOf(await executeCoinbaseTx(ctx, coinbase(expected.slice(1))))).toBe(
      `coinbase.outputs: expected ${expected.length} rewarded accounts, got ${expected.length - 1}`,
    );
  });

  it("names a wrong reward and an unexpected account, then pays once and refuses a second coinbase", async () => {
    const { state, ctx, expected } = await setup();
    const first = expected[0]!;
    const amount = first.coins.tfuelWei;
    const wrong = coinbase([{ ...first, coins: coins(0n, amount + 1n) }, ...expected.slice(1)]);
    expect(messageOf(await executeCoinbaseTx(ctx, wrong))).toBe(
      `coinbase.outputs[0]: invalid reward for 0x${bytesToHex(first.address)}, expected ${amount} TFuelWei`,
    );
    const theta = coinbase([{ ...first, coins: coins(1n, amount) }, ...expected.slice(1)]);
    expect(messageOf(await executeCoinbaseTx(ctx, theta))).toBe(
      `coinbase.outputs[0]: invalid reward for 0x${bytesToHex(first.address)}, expected ${amount} TFuelWei`,
    );
    const other = key(85).address;
    const stranger = coinbase([{ ...first, address: other }, ...expected.slice(1)]);
    expect(messageOf(await executeCoinbaseTx(ctx, stranger))).toBe(
      `coinbase.outputs[0]: invalid reward for 0x${bytesToHex(other)}, expected none TFuelWei`,
    );
    expect(ctx.scratch.coinbaseProcessed).toBe(false);
    expect(await executeCoinbaseTx(ctx, coinbase(expected))).toEqual({ ok: true });
    expect((await state.getAccount(first.address))?.balance.tfuelWei).toBeGreaterThan(0n);
    expect(messageOf(await executeCoinbaseTx(ctx, coinbase(expected)))).toBe(
      "coinbase: another coinbase transaction has been processed for this block",
    );
  });
});
