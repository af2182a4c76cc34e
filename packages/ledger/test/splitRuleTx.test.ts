import {
  type ChainProfile,
  coins,
  EMPTY_ROOT_HASH,
  mainnet,
  minTxFee,
  newAccount,
  privatenet,
  type Split,
  type SplitRuleTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { executeSplitRuleTx } from "../src/execution/splitRuleTx.ts";
import { openStateView } from "../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK_A = new Uint8Array(32).fill(4);
const SK_B = new Uint8Array(32).fill(5);
const A = crypto.privateKeyToAddress(SK_A);
const B = crypto.privateKeyToAddress(SK_B);
const E18 = 10n ** 18n;
const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 100n],
  [mainnet, 20_000_000n],
];

async function setup(profile: ChainProfile, height: bigint, mode: ExecMode = ExecMode.Deliver) {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(0n, 10n * E18) });
  await state.setAccount({ ...newAccount(B), balance: coins(0n, 10n * E18) });
  return { state, ctx: { state, profile, height, crypto, mode } };
}

const rule = (
  profile: ChainProfile,
  height: bigint,
  sk: Uint8Array,
  o: { id?: string; splits?: Split[]; seq?: bigint; duration?: bigint; fee?: bigint } = {},
): SplitRuleTx =>
  crypto.signTx(
    profile.chainId,
    {
      type: TxType.SplitRule,
      fee: coins(0n, o.fee ?? minTxFee(profile, height)),
      resourceId: o.id ?? "rid",
      initiator: {
        address: crypto.privateKeyToAddress(sk),
        coins: coins(0n, 0n),
        sequence: o.seq ?? 1n,
        signature: new Uint8Array(0),
      },
      splits: o.splits ?? [{ address: B, percentage: 30n }],
      duration: o.duration ?? 10n,
    },
    sk,
  );

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "SplitRuleTx on $name",
  ({ profile, height }) => {
    const name = profile.name;
    const code = async (ctx: Parameters<typeof executeSplitRuleTx>[0], tx: SplitRuleTx) => {
      const r = await executeSplitRuleTx(ctx, tx);
      return r.ok ? undefined : r.failure.code;
    };

    it(`${name}: creates, updates by the same initiator, refuses another initiator`, async () => {
      const { state, ctx } = await setup(profile, height);
      expect(await code(ctx, rule(profile, height, SK_A))).toBeUndefined();
      expect((await state.getSplitRule("rid"))?.endBlockHeight).toBe(height - 1n + 10n);
      expect(
        await code(ctx, rule(profile, height, SK_A, { seq: 2n, duration: 20n, splits: [] })),
      ).toBeUndefined();
      const r = await state.getSplitRule("rid");
      expect([r?.endBlockHeight, r?.splits.length]).toEqual([height - 1n + 20n, 0]);
      expect(await code(ctx, rule(profile, height, SK_B))).toBe(ExecCode.UnauthorizedToUpdateSplitRule);
      const a = await state.getAccount(A);
      expect([a?.sequence, a?.balance.tfuelWei]).toEqual([2n, 10n * E18 - 2n * minTxFee(profile, height)]);
    });

    it(`${name}: delivering deletes every rule that ended before P`, async () => {
      const { state, ctx } = await setup(profile, height);
      expect(await code(ctx, rule(profile, height, SK_A, { id: "old", duration: 0n }))).toBeUndefined();
      expect(
        await code(ctx, rule(profile, height, SK_A, { id: "keep", seq: 2n, duration: 5n })),
      ).toBeUndefined();
      const later = { ...ctx, height: height + 2n };
      expect(await code(later, rule(profile, height + 2n, SK_B, { id: "new" }))).toBeUndefined();
      const ids = (await state.listSplitRules()).map((r) => r.resourceId).sort();
      expect(ids).toEqual(["keep", "new"]);
    });

    it(`${name}: check mode writes nothing; each check`, async () => {
      const { state, ctx } = await setup(profile, height, ExecMode.Check);
      const before = await state.root();
      expect(await code(ctx, rule(profile, height, SK_A))).toBeUndefined();
      expect(await state.root()).toEqual(before);
      expect(await code(ctx, rule(profile, height, SK_A, { seq: 5n }))).toBe(ExecCode.InvalidSequence);
      expect(await code(ctx, rule(profile, height, SK_A, { fee: minTxFee(profile, height) - 1n }))).toBe(
        ExecCode.InvalidFee,
      );
      expect(await code(ctx, rule(profile, height, SK_A, { fee: 11n * E18 }))).toBe(
        ExecCode.InsufficientFund,
      );
      expect(
        await code(ctx, rule(profile, height, SK_A, { splits: [{ address: B, percentage: 101n }] })),
      ).toBe(ExecCode.Generic);
      const two = [
        { address: A, percentage: 60n },
        { address: B, percentage: 41n },
      ];
      expect(await code(ctx, rule(profile, height, SK_A, { splits: two }))).toBe(ExecCode.Generic);
      const many = Array.from({ length: 512 }, () => ({ address: B, percentage: 0n }));
      expect(await code(ctx, rule(profile, height, SK_A, { splits: many }))).toBe(ExecCode.Generic);
      const t = rule(profile, height, SK_A);
      expect(await code(ctx, { ...t, initiator: { ...t.initiator, signature: new Uint8Array(65) } })).toBe(
        ExecCode.InvalidSignature,
      );
    });
  },
);
