import {
  type ChainProfile,
  type Coins,
  coins,
  EMPTY_ROOT_HASH,
  mainnet,
  minSendTxFee,
  newAccount,
  privatenet,
  type ReservedFund,
  type SendTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { executeSendTx } from "../src/execution/sendTx.ts";
import { openStateView } from "../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const key = (n: number) => new Uint8Array(32).fill(n);
const [SK_A, SK_B] = [key(1), key(2)];
const A = crypto.privateKeyToAddress(SK_A);
const B = crypto.privateKeyToAddress(SK_B);
const C = crypto.privateKeyToAddress(key(3));
const E18 = 10n ** 18n;

const cases: readonly [ChainProfile, bigint][] = [
  [privatenet, 100n],
  [mainnet, 20_000_000n],
];

async function setup(profile: ChainProfile, height: bigint, mode: ExecMode = ExecMode.Deliver) {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(100n * E18, 100n * E18) });
  await state.setAccount({ ...newAccount(B), balance: coins(1n, 1n), sequence: 4n });
  return { state, ctx: { state, profile, height, crypto, mode } };
}

function send(
  profile: ChainProfile,
  height: bigint,
  amount: Coins,
  opts: { fee?: Coins; seq?: bigint } = {},
): SendTx {
  const fee = opts.fee ?? coins(0n, minSendTxFee(profile, height, 2));
  const tx: SendTx = {
    type: TxType.Send,
    fee,
    inputs: [
      {
        address: A,
        coins: { thetaWei: amount.thetaWei, tfuelWei: amount.tfuelWei + fee.tfuelWei },
        sequence: opts.seq ?? 1n,
        signature: new Uint8Array(0),
      },
    ],
    outputs: [{ address: C, coins: amount }],
  };
  return crypto.signTx(profile.chainId, tx, SK_A);
}

describe.each(cases.map(([profile, height]) => ({ profile, height, name: profile.name })))(
  "SendTx on $name",
  ({ profile, height }) => {
    const name = profile.name;
    it(`${name}: delivers, moves coins, burns the fee, bumps the sequence, creates the output at P`, async () => {
      const { state, ctx } = await setup(profile, height);
      const tx = send(profile, height, coins(5n, 7n));
      expect(await executeSendTx(ctx, tx)).toEqual({ ok: true });
      const a = await state.getAccount(A);
      const c = await state.getAccount(C);
      expect(a?.sequence).toBe(1n);
      expect(a?.balance).toEqual(coins(100n * E18 - 5n, 100n * E18 - 7n - tx.fee.tfuelWei));
      expect(c?.balance).toEqual(coins(5n, 7n));
      expect(c?.lastUpdatedBlockHeight).toBe(height - 1n);
    });

    it(`${name}: check mode screens without writing`, async () => {
      const { state, ctx } = await setup(profile, height, ExecMode.Check);
      const before = await state.root();
      expect((await executeSendTx(ctx, send(profile, height, coins(5n, 7n)))).ok).toBe(true);
      expect(await state.root()).toEqual(before);
    });

    const fails: readonly [string, (tx: SendTx) => SendTx, number][] = [
      [
        "negative coins",
        (t) => ({ ...t, outputs: [{ address: C, coins: coins(-1n, 0n) }] }),
        ExecCode.Generic,
      ],
      ["no inputs", (t) => ({ ...t, inputs: [] }), ExecCode.Generic],
      ["no outputs", (t) => ({ ...t, outputs: [] }), ExecCode.Generic],
      [
        "too many accounts",
        (t) => ({ ...t, outputs: Array.from({ length: 512 }, () => t.outputs[0]!) }),
        ExecCode.Generic,
      ],
      ["duplicated input", (t) => ({ ...t, inputs: [t.inputs[0]!, t.inputs[0]!] }), ExecCode.Generic],
      ["unknown input", (t) => ({ ...t, inputs: [{ ...t.inputs[0]!, address: C }] }), ExecCode.Generic],
      [
        "output equal to an input",
        (t) => ({ ...t, outputs: [{ address: A, coins: t.outputs[0]!.coins }] }),
        ExecCode.Generic,
      ],
      [
        "bad signature",
        (t) => ({ ...t, inputs: [{ ...t.inputs[0]!, signature: new Uint8Array(65) }] }),
        ExecCode.InvalidSignature,
      ],
    ];
    for (const [what, mutate, code] of fails) {
      it(`${name}: rejects ${what} with ${code}`, async () => {
        const { ctx } = await setup(profile, height);
        const r = await executeSendTx(ctx, mutate(send(profile, height, coins(5n, 7n))));
        expect(r.ok ? undefined : r.failure.code).toBe(code);
      });
    }

    it(`${name}: sequence before balance before signature; fee; sums`, async () => {
      const { ctx } = await setup(profile, height);
      const code = async (tx: SendTx) => {
        const r = await executeSendTx(ctx, tx);
        return r.ok ? undefined : r.failure.code;
      };
      expect(await code(send(profile, height, coins(5n, 7n), { seq: 2n }))).toBe(ExecCode.InvalidSequence);
      expect(await code(send(profile, height, coins(1000n * E18, 0n)))).toBe(ExecCode.InsufficientFund);
      const min = minSendTxFee(profile, height, 2);
      expect(await code(send(profile, height, coins(5n, 7n), { fee: coins(0n, min - 1n) }))).toBe(
        ExecCode.InvalidFee,
      );
      expect(await code(send(profile, height, coins(5n, 7n), { fee: coins(1n, min) }))).toBe(
        ExecCode.InvalidFee,
      );
      const t = send(profile, height, coins(5n, 7n));
      const unbalanced = crypto.signTx(
        profile.chainId,
        { ...t, outputs: [{ address: C, coins: coins(4n, 7n) }] },
        SK_A,
      );
      expect(await code(unbalanced)).toBe(ExecCode.Generic);
    });

    it(`${name}: rejects a smart contract among the accounts`, async () => {
      const { state, ctx } = await setup(profile, height);
      await state.setAccount({ ...newAccount(C), codeHash: new Uint8Array(32).fill(7) });
      const r = await executeSendTx(ctx, send(profile, height, coins(5n, 7n)));
      expect(r.ok).toBe(false);
    });

    it(`${name}: releases expired pools of a written account exactly at EndBlockHeight + 5 ≤ P`, async () => {
      const { state, ctx } = await setup(profile, height);
      const fund: ReservedFund = {
        collateral: coins(0n, 10n),
        initialFund: coins(0n, 100n),
        usedFund: coins(0n, 30n),
        resourceIds: ["r"],
        endBlockHeight: height - 1n - 5n,
        reserveSequence: 1n,
        transferRecords: [],
      };
      const a = (await state.getAccount(A))!;
      await state.setAccount({ ...a, reservedFunds: [fund, { ...fund, endBlockHeight: height - 5n }] });
      const tx = send(profile, height, coins(5n, 7n));
      expect((await executeSendTx(ctx, tx)).ok).toBe(true);
      const after = (await state.getAccount(A))!;
      expect(after.reservedFunds.length).toBe(1);
      expect(after.balance.tfuelWei).toBe(100n * E18 - 7n - tx.fee.tfuelWei + 80n);
    });
  },
);
