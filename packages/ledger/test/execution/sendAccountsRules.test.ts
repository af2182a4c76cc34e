/**
 * SendTx's rules on its accounts (docs/ledger.md §5.1): no smart contract among any of the inputs
 * or outputs once smart contracts are enabled, and the minimum fee counted over inputs plus outputs.
 */
import {
  type Account,
  type Address,
  type ChainProfile,
  coins,
  deriveProfile,
  EMPTY_ROOT_HASH,
  minSendTxFee,
  newAccount,
  privatenet,
  type SendTx,
  TxType,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { executeSendTx } from "../../src/execution/sendTx.ts";
import { openStateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK_A = new Uint8Array(32).fill(51);
const SK_B = new Uint8Array(32).fill(52);
const A = crypto.privateKeyToAddress(SK_A);
const B = crypto.privateKeyToAddress(SK_B);
const C = crypto.privateKeyToAddress(new Uint8Array(32).fill(53));
const D = crypto.privateKeyToAddress(new Uint8Array(32).fill(54));
const H = 10n;
const E18 = 10n ** 18n;
/** Privatenet with the June-2021 fees, where the minimum SendTx fee grows with the account count. */
const FEENET = deriveProfile(privatenet, {
  name: "feenet",
  chainId: "privatenet",
  heights: { ...privatenet.heights, june2021FeeAdjustment: 0n },
});

async function setup(
  contracts: readonly Address[] = [],
  profile: ChainProfile = privatenet,
): Promise<ExecContext> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  const acc = (a: Address): Account => ({ ...newAccount(a), balance: coins(10n * E18, 10n * E18) });
  for (const a of [A, B, C]) await state.setAccount(acc(a));
  for (const a of contracts) await state.setAccount({ ...acc(a), codeHash: new Uint8Array(32).fill(0xcc) });
  return { state, profile, height: H, crypto, mode: ExecMode.Check };
}

function send(inputs: readonly Address[], outputs: readonly Address[], fee?: bigint): SendTx {
  const f = fee ?? minSendTxFee(privatenet, H, inputs.length + outputs.length);
  const perInput = BigInt(outputs.length);
  const tx: SendTx = {
    type: TxType.Send,
    fee: coins(0n, f),
    inputs: inputs.map((address, i) => ({
      address,
      coins: coins(perInput, i === 0 ? f : 0n),
      sequence: 1n,
      signature: new Uint8Array(0),
    })),
    outputs: outputs.map((address) => ({ address, coins: coins(BigInt(inputs.length), 0n) })),
  };
  return crypto.signTx(privatenet.chainId, crypto.signTx(privatenet.chainId, tx, SK_A), SK_B);
}

const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;
const CONTRACT = { code: ExecCode.Generic, message: "send: expected no smart contract among the accounts" };

describe("SendTx accounts", () => {
  it("two inputs and two outputs of plain accounts pass", async () => {
    expect(await executeSendTx(await setup(), send([A, B], [C, D]))).toEqual({ ok: true });
  });

  it("a contract as the second output is refused", async () => {
    expect(failureOf(await executeSendTx(await setup([D]), send([A, B], [C, D])))).toEqual(CONTRACT);
  });

  it("a contract as the second input is refused", async () => {
    expect(failureOf(await executeSendTx(await setup([B]), send([A, B], [C, D])))).toEqual(CONTRACT);
  });

  it("the minimum fee counts inputs plus outputs: one wei under it fails, the minimum passes", async () => {
    const ctx = await setup([], FEENET);
    const min = minSendTxFee(FEENET, H, 4);
    expect(min).toBeGreaterThan(minSendTxFee(FEENET, H, 2));
    expect(failureOf(await executeSendTx(ctx, send([A, B], [C, D], min - 1n)))?.code).toBe(
      ExecCode.InvalidFee,
    );
    expect(await executeSendTx(ctx, send([A, B], [C, D], min))).toEqual({ ok: true });
  });
});
