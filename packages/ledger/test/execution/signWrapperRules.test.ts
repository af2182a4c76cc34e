/**
 * The sign-bytes wrappers an input's signature may use (docs/ledger.md §4.4): V1 always, V2 only
 * from the `txWrapperExtension` height on.
 */
import {
  coins,
  EMPTY_ROOT_HASH,
  mainnet,
  newAccount,
  type SendTx,
  SignBytesWrapper,
  TxType,
  txSignBytes,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { acceptedWrappers, validateInput } from "../../src/execution/inputs.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import { openStateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK = new Uint8Array(32).fill(9);
const A = crypto.privateKeyToAddress(SK);
const B = crypto.privateKeyToAddress(new Uint8Array(32).fill(8));
const GATE = mainnet.heights.txWrapperExtension;

async function ctxAt(height: bigint): Promise<ExecContext> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  return { state, profile: mainnet, height, crypto, mode: ExecMode.Check };
}

function signedWith(wrapper: SignBytesWrapper): SendTx {
  const unsigned: SendTx = {
    type: TxType.Send,
    fee: coins(0n, 10n ** 18n),
    inputs: [{ address: A, coins: coins(5n, 10n ** 18n), sequence: 1n, signature: new Uint8Array(0) }],
    outputs: [{ address: B, coins: coins(5n, 0n) }],
  };
  const signature = crypto.sign(txSignBytes(mainnet.chainId, unsigned, wrapper), SK);
  return { ...unsigned, inputs: [{ ...unsigned.inputs[0]!, signature }] };
}

const account = { ...newAccount(A), balance: coins(10n, 10n ** 19n) };
const codeOf = (r: { ok: boolean; failure?: { code: number } }) => (r.ok ? 0 : r.failure?.code);

describe("sign-bytes wrappers", () => {
  it("below txWrapperExtension only V1 is accepted", async () => {
    const ctx = await ctxAt(GATE - 1n);
    expect(acceptedWrappers(ctx)).toEqual([SignBytesWrapper.V1]);
    const v1 = signedWith(SignBytesWrapper.V1);
    const v2 = signedWith(SignBytesWrapper.V2);
    expect(codeOf(validateInput(ctx, v1, account, v1.inputs[0]!))).toBe(0);
    expect(codeOf(validateInput(ctx, v2, account, v2.inputs[0]!))).toBe(ExecCode.InvalidSignature);
  });

  it("from txWrapperExtension on, V1 and V2 are both accepted", async () => {
    for (const h of [GATE, GATE + 1n]) {
      const ctx = await ctxAt(h);
      expect(acceptedWrappers(ctx)).toEqual([SignBytesWrapper.V1, SignBytesWrapper.V2]);
      for (const w of [SignBytesWrapper.V1, SignBytesWrapper.V2]) {
        const tx = signedWith(w);
        expect(codeOf(validateInput(ctx, tx, account, tx.inputs[0]!))).toBe(0);
      }
    }
  });
});
