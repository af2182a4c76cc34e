import {
  type ChainProfile,
  type CoinbaseTx,
  coins,
  decodeTx,
  hexToBytes,
  mainnet,
  privatenet,
  type StakeHolder,
  type TxOutput,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { executeCoinbaseTx } from "../src/execution/coinbaseTx.ts";
import { ExecMode } from "../src/execution/context.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { createBlockScratch } from "../src/rewards/blockInfo.ts";
import { buildCoinbaseOutputs } from "../src/rewards/blockRewards.ts";
import { newStake } from "../src/staking/stakeHolder.ts";
import { validatorSetFromVcp } from "../src/staking/validatorPool.ts";
import { codeOf, context, crypto, E18, fundedState, key } from "./helpers/stakeFixture.ts";

const X = key(11);
const Y = key(12);
const A = key(13).address;
const B = key(14).address;
const K = 1_000n * E18;
const X_STAKES: StakeHolder = { holder: X.address, stakes: [newStake(A, 600n * K), newStake(B, 200n * K)] };
const Y_STAKES: StakeHolder = { holder: Y.address, stakes: [newStake(A, 200n * K)] };
const V = validatorSetFromVcp({ sortedCandidates: [X_STAKES, Y_STAKES] }, 31);
const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 101n],
  [mainnet, 5_000_001n],
];

function coinbase(
  profile: ChainProfile,
  outputs: readonly TxOutput[],
  blockHeight: bigint,
  signer = X,
): CoinbaseTx {
  const tx: CoinbaseTx = {
    type: TxType.Coinbase,
    proposer: { address: signer.address, coins: coins(0n, 0n), sequence: 0n, signature: new Uint8Array(0) },
    outputs,
    blockHeight,
  };
  return crypto.signTx(profile.chainId, tx, signer.sk);
}

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "CoinbaseTx on $name",
  ({ profile, height }) => {
    const setup = async (mode: ExecMode = ExecMode.Deliver) => {
      const state = await fundedState([A], coins(0n, 5n * E18));
      await state.setVcp({ sortedCandidates: [X_STAKES, Y_STAKES] });
      const scratch = createBlockScratch();
      const ctx = { ...context(state, profile, height, mode), rewards: { validators: V }, scratch };
      return { state, ctx, expected: await buildCoinbaseOutputs(ctx, { validators: V }) };
    };

    it("pays the expected rewards in any output order, once per block", async () => {
      const { state, ctx, expected } = await setup();
      const tx = coinbase(profile, [...expected].reverse(), height - 1n);
      expect(codeOf(await executeCoinbaseTx(ctx, tx))).toBeUndefined();
      expect((await state.getAccount(A))!.balance).toEqual(coins(0n, 5n * E18 + 3_840n * E18));
      expect((await state.getAccount(B))!.balance).toEqual(coins(0n, 960n * E18));
      expect(ctx.scratch.coinbaseProcessed).toBe(true);
      expect(codeOf(await executeCoinbaseTx(ctx, tx))).toBe(ExecCode.Generic);
    });

    it("each check in the reference's order", async () => {
      const { ctx, expected } = await setup();
      const run = async (tx: CoinbaseTx) => codeOf(await executeCoinbaseTx(ctx, tx));
      const p = height - 1n;
      expect(await run(coinbase(profile, expected, p, key(40)))).toBe(ExecCode.Generic);
      const good = coinbase(profile, expected, p);
      expect(await run({ ...good, proposer: { ...good.proposer, signature: new Uint8Array(65) } })).toBe(
        ExecCode.Generic,
      );
      expect(await run(coinbase(profile, [...expected, expected[0]!], p))).toBe(ExecCode.Generic);
      expect(await run(coinbase(profile, expected, p + 1n))).toBe(ExecCode.Generic);
      expect(await run(coinbase(profile, expected.slice(1), p))).toBe(ExecCode.Generic);
      const wrong = expected.map((o, i) => (i === 0 ? { ...o, coins: coins(0n, o.coins.tfuelWei + 1n) } : o));
      expect(await run(coinbase(profile, wrong, p))).toBe(ExecCode.Generic);
      const theta = expected.map((o, i) => (i === 0 ? { ...o, coins: coins(1n, o.coins.tfuelWei) } : o));
      expect(await run(coinbase(profile, theta, p))).toBe(ExecCode.Generic);
      const stranger = expected.map((o, i) => (i === 0 ? { ...o, address: key(41).address } : o));
      expect(await run(coinbase(profile, stranger, p))).toBe(ExecCode.Generic);
      expect(ctx.scratch.coinbaseProcessed).toBe(false);
      expect(await run(coinbase(profile, expected, p, Y))).toBeUndefined();
    });

    it("is refused in check mode and without block information", async () => {
      const { ctx, expected } = await setup(ExecMode.Check);
      const tx = coinbase(profile, expected, height - 1n);
      expect(codeOf(await executeCoinbaseTx(ctx, tx))).toBe(ExecCode.UnauthorizedTx);
      const { state } = await setup();
      expect(codeOf(await executeCoinbaseTx(context(state, profile, height), tx))).toBe(
        ExecCode.UnauthorizedTx,
      );
    });

    it("a non-checkpoint block's coinbase has no outputs", async () => {
      const { state } = await setup();
      const ctx = {
        ...context(state, profile, height + 1n),
        rewards: { validators: V },
        scratch: createBlockScratch(),
      };
      expect(codeOf(await executeCoinbaseTx(ctx, coinbase(profile, [], height)))).toBeUndefined();
      expect(
        codeOf(
          await executeCoinbaseTx({ ...ctx, scratch: createBlockScratch() }, coinbase(profile, [], height)),
        ),
      ).toBeUndefined();
    });
  },
);

describe("docs/ledger.md §12.3 CoinbaseTx vector", () => {
  it("executes at H = 101 on privatenet when B is the only staker of validator A", async () => {
    const raw =
      "80f883f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808080b841afef75a8b47b65d4f4775f0525acb83deee20d9951a0eddad4835a069ac6b4f1682ab030c26035e5d5f6358d7774dc230e5bcb37c7c14d49e4c3e5a9fe2995d400e3e294511f5b5af946edca88217eb9404477a95cb5c3f4cc808a01043561a8829300000064";
    const va = hexToBytes("2e833968e5bb786ae419c4d13189fb081cc43bab");
    const vb = hexToBytes("511f5b5af946edca88217eb9404477a95cb5c3f4");
    const tx = decodeTx(hexToBytes(raw));
    expect(tx.type).toBe(TxType.Coinbase);
    const state = await fundedState([], coins(0n, 0n));
    await state.setVcp({ sortedCandidates: [{ holder: va, stakes: [newStake(vb, 200n * K)] }] });
    const ctx = {
      ...context(state, privatenet, 101n),
      rewards: { validators: [{ address: va, stake: 200n * K }] },
      scratch: createBlockScratch(),
    };
    let ran = 0;
    if (tx.type === TxType.Coinbase) {
      expect(codeOf(await executeCoinbaseTx(ctx, tx))).toBeUndefined();
      ran++;
    }
    expect(ran).toBe(1);
    expect((await state.getAccount(vb))!.balance).toEqual(coins(0n, 4_800n * E18));
  });
});
