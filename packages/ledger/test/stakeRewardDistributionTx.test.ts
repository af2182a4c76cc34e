import {
  type ChainProfile,
  coins,
  mainnet,
  minTxFee,
  privatenet,
  type StakeRewardDistributionTx,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { executeStakeRewardDistributionTx } from "../src/execution/stakeRewardDistributionTx.ts";
import { codeOf, context, crypto, E18, fundedState, key } from "./helpers/stakeFixture.ts";

const H = key(9);
const B = key(8);
const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 100n],
  [mainnet, 20_000_000n],
];

function srd(
  profile: ChainProfile,
  height: bigint,
  bp: bigint,
  seq = 1n,
  fee?: bigint,
): StakeRewardDistributionTx {
  const tx: StakeRewardDistributionTx = {
    type: TxType.StakeRewardDistribution,
    fee: coins(0n, fee ?? minTxFee(profile, height)),
    holder: { address: H.address, coins: coins(0n, 0n), sequence: seq, signature: new Uint8Array(0) },
    beneficiary: { address: B.address, coins: coins(0n, 0n) },
    splitBasisPoint: bp,
  };
  return crypto.signTx(profile.chainId, tx, H.sk);
}

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "StakeRewardDistributionTx on $name",
  ({ profile, height }) => {
    const fee = minTxFee(profile, height);
    const setup = async (mode: ExecMode = ExecMode.Deliver) => {
      const state = await fundedState([H.address], coins(0n, 10n * E18));
      return { state, ctx: context(state, profile, height, mode) };
    };

    it("sets, updates and (with 0 bp) removes the holder's rule, charging the fee", async () => {
      const { state, ctx } = await setup();
      expect(codeOf(await executeStakeRewardDistributionTx(ctx, srd(profile, height, 500n)))).toBeUndefined();
      expect(await state.getRewardDistribution(H.address)).toEqual({
        stakeHolder: H.address,
        beneficiary: B.address,
        splitBasisPoint: 500n,
      });
      expect(
        codeOf(await executeStakeRewardDistributionTx(ctx, srd(profile, height, 1000n, 2n))),
      ).toBeUndefined();
      expect((await state.getRewardDistribution(H.address))!.splitBasisPoint).toBe(1000n);
      expect(
        codeOf(await executeStakeRewardDistributionTx(ctx, srd(profile, height, 0n, 3n))),
      ).toBeUndefined();
      expect(await state.getRewardDistribution(H.address)).toBeUndefined();
      const acc = (await state.getAccount(H.address))!;
      expect(acc.sequence).toBe(3n);
      expect(acc.balance.tfuelWei).toBe(10n * E18 - 3n * fee);
    });

    it("each check in the reference's order", async () => {
      const { ctx } = await setup();
      const run = async (tx: StakeRewardDistributionTx) =>
        codeOf(await executeStakeRewardDistributionTx(ctx, tx));
      const good = srd(profile, height, 500n);
      expect(await run(srd(profile, height, 500n, 2n))).toBe(ExecCode.InvalidSequence);
      expect(await run({ ...good, holder: { ...good.holder, signature: new Uint8Array(65) } })).toBe(
        ExecCode.InvalidSignature,
      );
      expect(await run(srd(profile, height, 1001n, 1n, fee - 1n))).toBe(ExecCode.Generic);
      expect(await run(srd(profile, height, 1000n, 1n, fee - 1n))).toBe(ExecCode.InvalidFee);
      expect(await run(srd(profile, height, 1000n, 1n, 10n * E18 + 1n))).toBe(ExecCode.Generic);
    });

    it("an unknown holder is refused", async () => {
      const state = await fundedState([], coins(0n, 0n));
      expect(
        codeOf(
          await executeStakeRewardDistributionTx(context(state, profile, height), srd(profile, height, 1n)),
        ),
      ).toBe(ExecCode.Generic);
    });

    it("check mode writes nothing", async () => {
      const { state, ctx } = await setup(ExecMode.Check);
      const before = await state.root();
      expect(codeOf(await executeStakeRewardDistributionTx(ctx, srd(profile, height, 500n)))).toBeUndefined();
      expect(await state.root()).toEqual(before);
    });
  },
);

describe("StakeRewardDistributionTx height gate on mainnet", () => {
  it("is not supported below HeightEnableTheta3", async () => {
    const state = await fundedState([H.address], coins(0n, 10n * E18));
    const run = async (h: bigint) =>
      codeOf(await executeStakeRewardDistributionTx(context(state, mainnet, h), srd(mainnet, h, 500n)));
    expect(await run(10_968_060n)).toBe(ExecCode.Generic);
    expect(await run(10_968_061n)).toBeUndefined();
  });
});
