import {
  type ChainProfile,
  type Coins,
  coins,
  EMPTY_ROOT_HASH,
  mainnet,
  minTxFee,
  newAccount,
  privatenet,
  type ReleaseFundTx,
  type ReserveFundTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { executeReleaseFundTx, executeReserveFundTx } from "../src/execution/reserveFundTx.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { openStateView } from "../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK = new Uint8Array(32).fill(9);
const A = crypto.privateKeyToAddress(SK);
const E18 = 10n ** 18n;
const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 100n],
  [mainnet, 20_000_000n],
];

async function setup(profile: ChainProfile, height: bigint, mode: ExecMode = ExecMode.Deliver) {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(10n * E18, 100n * E18) });
  return { state, ctx: { state, profile, height, crypto, mode } };
}

function reserve(
  profile: ChainProfile,
  height: bigint,
  o: { fund?: Coins; collateral?: Coins; duration?: bigint; fee?: Coins; seq?: bigint } = {},
): ReserveFundTx {
  const tx: ReserveFundTx = {
    type: TxType.ReserveFund,
    fee: o.fee ?? coins(0n, minTxFee(profile, height)),
    source: {
      address: A,
      coins: o.fund ?? coins(0n, 5n * E18),
      sequence: o.seq ?? 1n,
      signature: new Uint8Array(0),
    },
    collateral: o.collateral ?? coins(0n, 6n * E18),
    resourceIds: ["rid"],
    duration: o.duration ?? 1000n,
  };
  return crypto.signTx(profile.chainId, tx, SK);
}

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "ReserveFundTx / ReleaseFundTx on $name",
  ({ profile, height }) => {
    const name = profile.name;
    const code = async (ctx: Parameters<typeof executeReserveFundTx>[0], tx: ReserveFundTx) => {
      const r = await executeReserveFundTx(ctx, tx);
      return r.ok ? undefined : r.failure.code;
    };

    it(`${name}: opens a pool ending at P + duration and charges collateral + fund + fee`, async () => {
      const { state, ctx } = await setup(profile, height);
      const tx = reserve(profile, height);
      expect(await code(ctx, tx)).toBeUndefined();
      const a = (await state.getAccount(A))!;
      expect(a.sequence).toBe(1n);
      expect(a.reservedFunds.map((f) => [f.endBlockHeight, f.reserveSequence])).toEqual([
        [height - 1n + 1000n, 1n],
      ]);
      expect(a.balance.tfuelWei).toBe(100n * E18 - 11n * E18 - tx.fee.tfuelWei);
    });

    it(`${name}: check mode writes nothing`, async () => {
      const { state, ctx } = await setup(profile, height, ExecMode.Check);
      const before = await state.root();
      expect(await code(ctx, reserve(profile, height))).toBeUndefined();
      expect(await state.root()).toEqual(before);
    });

    it(`${name}: each check in the reference's order`, async () => {
      const { ctx } = await setup(profile, height);
      const min = minTxFee(profile, height);
      const badFee = coins(0n, min - 1n);
      expect(await code(ctx, reserve(profile, height, { seq: 3n }))).toBe(ExecCode.InvalidSequence);
      expect(
        await code(ctx, {
          ...reserve(profile, height),
          source: { ...reserve(profile, height).source, signature: new Uint8Array(65) },
        }),
      ).toBe(ExecCode.InvalidSignature);
      // fund-not-specified and THETA-in-fund precede the fee check
      expect(await code(ctx, reserve(profile, height, { fund: coins(0n, 0n), fee: badFee }))).toBe(
        ExecCode.ReservedFundNotSpecified,
      );
      expect(await code(ctx, reserve(profile, height, { fund: coins(1n, 1n), fee: badFee }))).toBe(
        ExecCode.InvalidFundToReserve,
      );
      expect(await code(ctx, reserve(profile, height, { fee: badFee }))).toBe(ExecCode.InvalidFee);
      expect(await code(ctx, reserve(profile, height, { collateral: coins(0n, 95n * E18) }))).toBe(
        ExecCode.InsufficientFund,
      );
      expect(await code(ctx, reserve(profile, height, { duration: 299n }))).toBe(
        ExecCode.ReserveFundCheckFailed,
      );
      expect(await code(ctx, reserve(profile, height, { duration: 43_201n }))).toBe(
        ExecCode.ReserveFundCheckFailed,
      );
      expect(await code(ctx, reserve(profile, height, { collateral: coins(0n, 5n * E18) }))).toBe(
        ExecCode.ReserveFundCheckFailed,
      );
    });

    it(`${name}: a second pool needs a larger reserve sequence; release never finds a releasable pool`, async () => {
      const { state, ctx } = await setup(profile, height);
      expect(await code(ctx, reserve(profile, height))).toBeUndefined();
      expect(await code(ctx, reserve(profile, height, { seq: 2n }))).toBeUndefined();
      const a = (await state.getAccount(A))!;
      await state.setAccount({ ...a, sequence: 0n });
      expect(await code(ctx, reserve(profile, height, { seq: 1n }))).toBe(ExecCode.ReserveFundCheckFailed);
      await state.setAccount(a);
      const release: ReleaseFundTx = crypto.signTx(
        profile.chainId,
        {
          type: TxType.ReleaseFund,
          fee: coins(0n, minTxFee(profile, height)),
          source: { address: A, coins: coins(0n, 0n), sequence: 3n, signature: new Uint8Array(0) },
          reserveSequence: 1n,
        },
        SK,
      );
      const r = await executeReleaseFundTx(ctx, release);
      expect(r.ok ? undefined : r.failure.code).toBe(ExecCode.ReleaseFundCheckFailed);
      const later = { ...ctx, height: height + 2000n };
      const r2 = await executeReleaseFundTx(later, release);
      expect(r2.ok ? undefined : r2.failure.code).toBe(ExecCode.ReleaseFundCheckFailed);
      const r3 = await executeReleaseFundTx(ctx, { ...release, fee: coins(0n, 1n) });
      expect(r3.ok ? undefined : r3.failure.code).toBe(ExecCode.InvalidSignature);
    });
  },
);
