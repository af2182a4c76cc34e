import {
  type ChainProfile,
  coins,
  type DepositStakeTx,
  mainnet,
  minTxFee,
  privatenet,
  StakePurpose,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { executeDepositStakeTx } from "../src/execution/depositStakeTx.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { executeWithdrawStakeTx } from "../src/execution/withdrawStakeTx.ts";
import {
  blsFields,
  codeOf,
  context,
  crypto,
  deposit,
  E18,
  fundedState,
  key,
  withdraw,
} from "./helpers/stakeFixture.ts";

const S = key(9);
const S2 = key(8);
const V = key(7);
const V2 = key(6);
const G = key(5);
const BAL = coins(5_000_000n * E18, 1_000_000n * E18);
const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 100n],
  [mainnet, 20_000_000n],
];

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "DepositStakeTx on $name",
  ({ profile, height }) => {
    const fee = minTxFee(profile, height);
    const theta = (n: bigint) => coins(n * E18, 0n);
    const tfuel = (n: bigint) => coins(0n, n * E18);
    const setup = async (mode: ExecMode = ExecMode.Deliver) => {
      const state = await fundedState([S.address, S2.address], BAL);
      return { state, ctx: context(state, profile, height, mode) };
    };

    it("validator: moves the stake into the VCP, charges stake + fee, appends H to sthl", async () => {
      const { state, ctx } = await setup();
      const tx = deposit(profile, height, S, V.address, { stake: theta(200_000n), purpose: 0 });
      expect(codeOf(await executeDepositStakeTx(ctx, tx))).toBeUndefined();
      const vcp = await state.getVcp();
      expect(vcp.sortedCandidates).toHaveLength(1);
      expect(vcp.sortedCandidates[0]!.holder).toEqual(V.address);
      expect(vcp.sortedCandidates[0]!.stakes.map((s) => [s.amount, s.withdrawn])).toEqual([
        [200_000n * E18, false],
      ]);
      const acc = (await state.getAccount(S.address))!;
      expect(acc.sequence).toBe(1n);
      expect(acc.balance).toEqual(coins(BAL.thetaWei - 200_000n * E18, BAL.tfuelWei - fee));
      expect(await state.getStakeTransactionHeightList()).toEqual([height]);
    });

    it("validator: deposits merge per source, new sources append, the pool is re-sorted", async () => {
      const { state, ctx } = await setup();
      const d = (src: typeof S, holder: typeof V, n: bigint, seq: bigint) =>
        executeDepositStakeTx(
          ctx,
          deposit(profile, height, src, holder.address, { stake: theta(n), purpose: 0, seq }),
        );
      expect(codeOf(await d(S, V, 200_000n, 1n))).toBeUndefined();
      expect(codeOf(await d(S, V2, 300_000n, 2n))).toBeUndefined();
      let vcp = await state.getVcp();
      expect(vcp.sortedCandidates.map((c) => c.holder)).toEqual([V2.address, V.address]);
      expect(codeOf(await d(S, V, 200_000n, 3n))).toBeUndefined();
      expect(codeOf(await d(S2, V, 200_000n, 1n))).toBeUndefined();
      vcp = await state.getVcp();
      expect(vcp.sortedCandidates.map((c) => c.holder)).toEqual([V.address, V2.address]);
      expect(vcp.sortedCandidates[0]!.stakes.map((s) => s.amount)).toEqual([400_000n * E18, 200_000n * E18]);
      expect(await state.getStakeTransactionHeightList()).toEqual([height, height, height, height]);
    });

    it("validator: a source cannot deposit while its stake is withdrawn", async () => {
      const { ctx } = await setup();
      const d = (seq: bigint) =>
        deposit(profile, height, S, V.address, { stake: theta(200_000n), purpose: 0, seq });
      expect(codeOf(await executeDepositStakeTx(ctx, d(1n)))).toBeUndefined();
      expect(
        codeOf(await executeWithdrawStakeTx(ctx, withdraw(profile, height, S, V.address, 0, 2n))),
      ).toBeUndefined();
      const r = await executeDepositStakeTx(ctx, d(3n));
      expect(codeOf(r)).toBe(ExecCode.Generic);
      expect(r.ok ? "" : r.failure.message).toMatch(/withdrawal locking period/);
    });

    it("guardian: a new guardian needs a valid BLS summary; an existing one keeps its key", async () => {
      const { state, ctx } = await setup();
      const bls = blsFields(G);
      const g = (o: Partial<Parameters<typeof deposit>[4]>, seq: bigint, src = S) =>
        deposit(profile, height, src, G.address, { stake: theta(1_000n), purpose: 1, seq, ...o });
      expect(codeOf(await executeDepositStakeTx(ctx, g({}, 1n)))).toBe(ExecCode.Generic);
      const foreign = { ...bls, holderSig: crypto.sign(bls.blsPop, S.sk) };
      expect(codeOf(await executeDepositStakeTx(ctx, g({ bls: foreign }, 1n)))).toBe(ExecCode.Generic);
      const otherPop = blsFields(G, 4).blsPop;
      const badPop = { ...bls, blsPop: otherPop, holderSig: crypto.sign(otherPop, G.sk) };
      expect(codeOf(await executeDepositStakeTx(ctx, g({ bls: badPop }, 1n)))).toBe(ExecCode.Generic);
      expect(await state.getGcp()).toBeUndefined();
      expect(codeOf(await executeDepositStakeTx(ctx, g({ bls }, 1n)))).toBeUndefined();
      expect(codeOf(await executeDepositStakeTx(ctx, g({}, 1n, S2)))).toBeUndefined();
      const gcp = (await state.getGcp())!;
      expect(gcp.sortedGuardians).toHaveLength(1);
      expect(gcp.sortedGuardians[0]!.blsPubkey).toEqual(bls.blsPubkey);
      expect(gcp.sortedGuardians[0]!.stakes.map((s) => s.amount)).toEqual([1_000n * E18, 1_000n * E18]);
      expect(await state.getStakeTransactionHeightList()).toEqual([]);
    });

    it("guardian: the pool stays ordered by holder address", async () => {
      const { state, ctx } = await setup();
      const holders = [key(21), key(22), key(23)];
      let seq = 1n;
      for (const h of holders) {
        const tx = deposit(profile, height, S, h.address, {
          stake: theta(1_000n),
          purpose: 1,
          seq,
          bls: blsFields(h),
        });
        expect(codeOf(await executeDepositStakeTx(ctx, tx))).toBeUndefined();
        seq++;
      }
      const got = (await state.getGcp())!.sortedGuardians.map((g) => Buffer.from(g.holder).toString("hex"));
      expect(got).toEqual([...got].sort());
    });

    it("elite edge node: record, active total, per-node cap, TFuel only", async () => {
      const { state, ctx } = await setup();
      const e = key(31);
      const bls = blsFields(e);
      const d = (n: bigint, seq: bigint, src = S) =>
        deposit(profile, height, src, e.address, { stake: tfuel(n), purpose: 2, seq, bls });
      expect(codeOf(await executeDepositStakeTx(ctx, d(9_999n, 1n)))).toBe(ExecCode.InsufficientStake);
      expect(codeOf(await executeDepositStakeTx(ctx, d(500_001n, 1n)))).toBe(ExecCode.StakeExceedsCap);
      expect(codeOf(await executeDepositStakeTx(ctx, d(300_000n, 1n)))).toBeUndefined();
      expect(codeOf(await executeDepositStakeTx(ctx, d(200_001n, 1n, S2)))).toBe(ExecCode.StakeExceedsCap);
      expect(codeOf(await executeDepositStakeTx(ctx, d(200_000n, 1n, S2)))).toBeUndefined();
      const node = (await state.getEliteEdgeNode(e.address))!;
      expect(node.stakes.map((s) => s.amount)).toEqual([300_000n * E18, 200_000n * E18]);
      expect(node.blsPubkey).toEqual(bls.blsPubkey);
      expect(await state.getEenTotalActiveStake()).toBe(500_000n * E18);
      const theta = deposit(profile, height, S, e.address, {
        stake: coins(1n, 10_000n * E18),
        purpose: 2,
        seq: 2n,
      });
      expect(codeOf(await executeDepositStakeTx(ctx, theta))).toBe(ExecCode.InvalidStake);
    });

    it("each sanity check in the reference's order", async () => {
      const { ctx } = await setup();
      const ok = { stake: theta(200_000n), purpose: 0 };
      const d = (o: Partial<Parameters<typeof deposit>[4]>) =>
        deposit(profile, height, S, V.address, { ...ok, ...o });
      const run = async (tx: ReturnType<typeof d>) => codeOf(await executeDepositStakeTx(ctx, tx));
      expect(await run(d({ seq: 2n }))).toBe(ExecCode.InvalidSequence);
      expect(await run(d({ stake: coins(BAL.thetaWei + 1n, 0n) }))).toBe(ExecCode.InsufficientFund);
      expect(await run({ ...d({}), source: { ...d({}).source, signature: new Uint8Array(65) } })).toBe(
        ExecCode.InvalidSignature,
      );
      expect(await run(d({ fee: coins(0n, fee - 1n), purpose: 7 }))).toBe(ExecCode.InvalidFee);
      expect(await run(d({ fee: coins(1n, fee) }))).toBe(ExecCode.InvalidFee);
      expect(await run(d({ purpose: 3, stake: coins(0n, 1n) }))).toBe(ExecCode.InvalidStakePurpose);
      expect(await run(d({ stake: coins(200_000n * E18, 1n) }))).toBe(ExecCode.InvalidStake);
      expect(await run(d({ stake: theta(199_999n) }))).toBe(ExecCode.InsufficientStake);
      expect(await run(d({ purpose: 1, stake: theta(999n) }))).toBe(ExecCode.InsufficientStake);
      expect(await run(d({ stake: coins(BAL.thetaWei, 0n), fee: coins(0n, BAL.tfuelWei + 1n) }))).toBe(
        ExecCode.InsufficientStake,
      );
    });

    it("the balance must cover stake plus fee (InsufficientStake)", async () => {
      const state = await fundedState([S.address], coins(0n, 10_000n * E18 + fee - 1n));
      const e = key(32);
      const tx = deposit(profile, height, S, e.address, {
        stake: tfuel(10_000n),
        purpose: 2,
        bls: blsFields(e),
      });
      expect(codeOf(await executeDepositStakeTx(context(state, profile, height), tx))).toBe(
        ExecCode.InsufficientStake,
      );
    });

    it("check mode runs the checks and writes nothing", async () => {
      const { state, ctx } = await setup(ExecMode.Check);
      const before = await state.root();
      const tx = deposit(profile, height, S, V.address, { stake: theta(200_000n), purpose: 0 });
      expect(codeOf(await executeDepositStakeTx(ctx, tx))).toBeUndefined();
      const noBls = deposit(profile, height, S, G.address, { stake: theta(1_000n), purpose: 1 });
      expect(codeOf(await executeDepositStakeTx(ctx, noBls))).toBe(ExecCode.Generic);
      expect(await state.root()).toEqual(before);
    });

    it("the legacy DepositStakeTx executes as V2 with empty BLS fields", async () => {
      const { state, ctx } = await setup();
      const v2 = deposit(profile, height, S, V.address, { stake: theta(200_000n), purpose: 0 });
      const legacy: DepositStakeTx = crypto.signTx(
        profile.chainId,
        {
          type: TxType.DepositStake,
          fee: v2.fee,
          source: v2.source,
          holder: v2.holder,
          purpose: StakePurpose.Validator,
        },
        S.sk,
      );
      expect(codeOf(await executeDepositStakeTx(ctx, legacy))).toBeUndefined();
      expect((await state.getVcp()).sortedCandidates).toHaveLength(1);
    });
  },
);

describe("DepositStakeTx height gates on mainnet", () => {
  const theta = (n: bigint) => coins(n * E18, 0n);
  const run = async (height: bigint, o: Parameters<typeof deposit>[4], holder = V) => {
    const state = await fundedState([S.address], BAL);
    return codeOf(
      await executeDepositStakeTx(
        context(state, mainnet, height),
        deposit(mainnet, height, S, holder.address, o),
      ),
    );
  };

  it("V2 is refused below HeightEnableTheta2, the legacy type is not", async () => {
    expect(await run(5_877_349n, { stake: theta(2_000_000n), purpose: 0 })).toBe(ExecCode.Generic);
    const state = await fundedState([S.address], BAL);
    const v2 = deposit(mainnet, 5_877_349n, S, V.address, { stake: theta(2_000_000n), purpose: 0 });
    const legacy: DepositStakeTx = crypto.signTx(
      mainnet.chainId,
      {
        type: TxType.DepositStake,
        fee: v2.fee,
        source: v2.source,
        holder: v2.holder,
        purpose: 0,
      },
      S.sk,
    );
    expect(codeOf(await executeDepositStakeTx(context(state, mainnet, 5_877_349n), legacy))).toBeUndefined();
  });

  it("validator minimum is 2,000,000 THETA below HeightValidatorStakeChangedTo200K", async () => {
    expect(await run(14_526_119n, { stake: theta(1_999_999n), purpose: 0 })).toBe(ExecCode.InsufficientStake);
    expect(await run(14_526_119n, { stake: theta(2_000_000n), purpose: 0 })).toBeUndefined();
    expect(await run(14_526_120n, { stake: theta(200_000n), purpose: 0 })).toBeUndefined();
  });

  it("guardian minimum is 10,000 THETA below HeightLowerGNStakeThresholdTo1000", async () => {
    const bls = blsFields(G);
    expect(await run(8_411_426n, { stake: theta(9_999n), purpose: 1, bls }, G)).toBe(
      ExecCode.InsufficientStake,
    );
    expect(await run(8_411_426n, { stake: theta(10_000n), purpose: 1, bls }, G)).toBeUndefined();
    expect(await run(8_411_427n, { stake: theta(1_000n), purpose: 1, bls }, G)).toBeUndefined();
  });

  it("elite edge node staking starts at HeightEnableTheta3", async () => {
    const e = key(33);
    const o = { stake: coins(0n, 10_000n * E18), purpose: 2, bls: blsFields(e) };
    expect(await run(10_968_060n, o, e)).toBe(ExecCode.Generic);
    expect(await run(10_968_061n, o, e)).toBeUndefined();
  });

  it("the minimum fee follows the June 2021 adjustment", async () => {
    const o = { stake: theta(2_000_000n), purpose: 0 };
    expect(await run(10_709_539n, { ...o, fee: coins(0n, 10n ** 12n) })).toBeUndefined();
    expect(await run(10_709_540n, { ...o, fee: coins(0n, 10n ** 12n) })).toBe(ExecCode.InvalidFee);
  });
});
