/** SendTx's checks with the message each one gives, and the bounds that still pass (privatenet). */
import {
  type Coins,
  coins,
  EMPTY_ROOT_HASH,
  minSendTxFee,
  newAccount,
  privatenet,
  type SendTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { checkFee } from "../src/execution/inputs.ts";
import { ExecCode, type ExecResult } from "../src/execution/resultCodes.ts";
import { executeSendTx, MAX_ACCOUNTS_AFFECTED_PER_TX } from "../src/execution/sendTx.ts";
import { openStateView } from "../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const sk = (n: number) => new Uint8Array(32).fill(n);
const A = crypto.privateKeyToAddress(sk(1));
const B = crypto.privateKeyToAddress(sk(2));
const C = crypto.privateKeyToAddress(sk(3));
const D = crypto.privateKeyToAddress(sk(4));
const hex = (a: Uint8Array) => Buffer.from(a).toString("hex");
const height = 100n;
const E18 = 10n ** 18n;

async function setup() {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(10n * E18, 10n * E18) });
  await state.setAccount({ ...newAccount(B), balance: coins(10n * E18, 10n * E18), sequence: 4n });
  return { state, ctx: { state, profile: privatenet, height, crypto, mode: ExecMode.Deliver } };
}

type In = { from: Uint8Array; key: Uint8Array; coins: Coins; seq: bigint };
function tx(inputs: In[], outputs: { to: Uint8Array; coins: Coins }[], fee: Coins): SendTx {
  let t: SendTx = {
    type: TxType.Send,
    fee,
    inputs: inputs.map((i) => ({
      address: i.from,
      coins: i.coins,
      sequence: i.seq,
      signature: new Uint8Array(0),
    })),
    outputs: outputs.map((o) => ({ address: o.to, coins: o.coins })),
  };
  for (const i of inputs) t = crypto.signTx(privatenet.chainId, t, i.key);
  return t;
}
const fee2 = () => coins(0n, minSendTxFee(privatenet, height, 2));
const simple = (over: Partial<In> = {}, out: Coins = coins(1n, 2n), fee = fee2()) =>
  tx(
    [{ from: A, key: sk(1), coins: coins(out.thetaWei, out.tfuelWei + fee.tfuelWei), seq: 1n, ...over }],
    [{ to: C, coins: out }],
    fee,
  );
const failure = (r: ExecResult) => (r.ok ? "ok" : r.failure);

describe("SendTx check messages", () => {
  it("negative coins name the account by its index over inputs then outputs", async () => {
    const { ctx } = await setup();
    const neg = { ...simple(), outputs: [{ address: C, coins: { thetaWei: -1n, tfuelWei: 0n } }] };
    expect(failure(await executeSendTx(ctx, neg))).toEqual({
      code: ExecCode.Generic,
      message: "send: coins of account 1: expected non-negative amounts",
    });
    const negIn = {
      ...simple(),
      inputs: [{ ...simple().inputs[0]!, coins: { thetaWei: 0n, tfuelWei: -5n } }],
    };
    expect(failure(await executeSendTx(ctx, negIn))).toEqual({
      code: ExecCode.Generic,
      message: "send: coins of account 0: expected non-negative amounts",
    });
  });

  it("needs an input and an output", async () => {
    const { ctx } = await setup();
    expect(failure(await executeSendTx(ctx, { ...simple(), inputs: [] }))).toEqual({
      code: ExecCode.Generic,
      message: "send.inputs: expected at least one input",
    });
    expect(failure(await executeSendTx(ctx, { ...simple(), outputs: [] }))).toEqual({
      code: ExecCode.Generic,
      message: "send.outputs: expected at least one output",
    });
  });

  it("at most 512 accounts: 513 fail before any lookup", async () => {
    const { ctx } = await setup();
    expect(MAX_ACCOUNTS_AFFECTED_PER_TX).toBe(512);
    const many = Array.from({ length: 512 }, (_, i) => ({
      address: Uint8Array.from({ length: 20 }, (_, j) => (j < 2 ? (i >> (8 * j)) & 0xff : 7)),
      coins: coins(0n, 0n),
    }));
    expect(failure(await executeSendTx(ctx, { ...simple(), outputs: many }))).toEqual({
      code: ExecCode.Generic,
      message: "send: expected at most 512 inputs and outputs",
    });
  });

  it("duplicated and unknown inputs, and an output twice, name the address", async () => {
    const { ctx } = await setup();
    const one = simple().inputs[0]!;
    expect(failure(await executeSendTx(ctx, { ...simple(), inputs: [one, one] }))).toEqual({
      code: ExecCode.Generic,
      message: `send.inputs[1]: duplicated address 0x${hex(A)}`,
    });
    expect(failure(await executeSendTx(ctx, simple({ from: D, key: sk(4) })))).toEqual({
      code: ExecCode.Generic,
      message: `send.inputs[0]: unknown address 0x${hex(D)}`,
    });
    const twice = { ...simple(), outputs: [...simple().outputs, { address: A, coins: coins(0n, 0n) }] };
    expect(failure(await executeSendTx(ctx, twice))).toEqual({
      code: ExecCode.Generic,
      message: `send.outputs[1]: address 0x${hex(A)} appears twice`,
    });
  });

  it("sequence, balance, signature, fee and sums, each with its code and message", async () => {
    const { ctx } = await setup();
    expect(failure(await executeSendTx(ctx, simple({ seq: 2n })))).toEqual({
      code: ExecCode.InvalidSequence,
      message: "input sequence: expected 1, got 2",
    });
    expect(failure(await executeSendTx(ctx, simple({}, coins(11n * E18, 0n))))).toEqual({
      code: ExecCode.InsufficientFund,
      message: "input coins: exceed the account balance",
    });
    expect(failure(await executeSendTx(ctx, simple({ key: sk(2) })))).toEqual({
      code: ExecCode.InvalidSignature,
      message: "input signature: does not verify over the sign bytes",
    });
    const min = minSendTxFee(privatenet, height, 2);
    expect(failure(await executeSendTx(ctx, simple({}, coins(1n, 2n), coins(0n, min - 1n))))).toEqual({
      code: ExecCode.InvalidFee,
      message: `fee: expected at least ${min} TFuelWei, got ${min - 1n}`,
    });
    const unbalanced = tx(
      [{ from: A, key: sk(1), coins: coins(1n, 2n + min + 1n), seq: 1n }],
      [{ to: C, coins: coins(1n, 2n) }],
      fee2(),
    );
    expect(failure(await executeSendTx(ctx, unbalanced))).toEqual({
      code: ExecCode.Generic,
      message: "send: expected the inputs to equal the outputs plus the fee",
    });
  });

  it("the fee: TFuel only, and the minimum itself passes", () => {
    expect(failure(checkFee(coins(1n, 10n), 5n))).toEqual({
      code: ExecCode.InvalidFee,
      message: "fee: expected no THETA",
    });
    expect(checkFee(coins(0n, 5n), 5n).ok).toBe(true);
  });

  it("two inputs: both pay, both sequences move, the output gets the sum", async () => {
    const { state, ctx } = await setup();
    const fee = coins(0n, minSendTxFee(privatenet, height, 3));
    const t = tx(
      [
        { from: A, key: sk(1), coins: coins(1n, 1n + fee.tfuelWei), seq: 1n },
        { from: B, key: sk(2), coins: coins(2n, 3n), seq: 5n },
      ],
      [{ to: C, coins: coins(3n, 4n) }],
      fee,
    );
    expect(await executeSendTx(ctx, t)).toEqual({ ok: true });
    expect((await state.getAccount(A))?.sequence).toBe(1n);
    expect((await state.getAccount(B))?.sequence).toBe(5n);
    expect((await state.getAccount(B))?.balance).toEqual(coins(10n * E18 - 2n, 10n * E18 - 3n));
    expect((await state.getAccount(C))?.balance).toEqual(coins(3n, 4n));
  });
});
