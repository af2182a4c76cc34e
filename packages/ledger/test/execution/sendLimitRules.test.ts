/**
 * SendTx's account limit (docs/ledger.md §5.1): 512 inputs and outputs together are allowed; the
 * check of 513 is in sendTxCheckMessages.test.ts.
 */
import {
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
import { ExecMode } from "../../src/execution/context.ts";
import { executeSendTx, MAX_ACCOUNTS_AFFECTED_PER_TX } from "../../src/execution/sendTx.ts";
import { openStateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "../helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK = new Uint8Array(32).fill(11);
const A = crypto.privateKeyToAddress(SK);
const H = 10n;

describe("SendTx account limit", () => {
  it("one input and 511 outputs (512 accounts) pass the checks", async () => {
    const db = await createMemoryTrieDatabase();
    const state = await openStateView({ db }, EMPTY_ROOT_HASH);
    await state.setAccount({ ...newAccount(A), balance: coins(10n ** 6n, 10n ** 21n) });
    const n = MAX_ACCOUNTS_AFFECTED_PER_TX - 1;
    const outputs = Array.from({ length: n }, (_, i) => ({
      address: Uint8Array.from({ length: 20 }, (_, j) => (j < 2 ? (i >> (8 * j)) & 0xff : 7)),
      coins: coins(1n, 0n),
    }));
    const fee = coins(0n, minSendTxFee(privatenet, H, n + 1));
    const unsigned: SendTx = {
      type: TxType.Send,
      fee,
      inputs: [
        { address: A, coins: coins(BigInt(n), fee.tfuelWei), sequence: 1n, signature: new Uint8Array(0) },
      ],
      outputs,
    };
    const tx = crypto.signTx(privatenet.chainId, unsigned, SK);
    const ctx = { state, profile: privatenet, height: H, crypto, mode: ExecMode.Check };
    expect(await executeSendTx(ctx, tx)).toEqual({ ok: true });
    // One account more is refused by the limit.
    const more = {
      ...unsigned,
      outputs: [...outputs, { address: new Uint8Array(20).fill(9), coins: coins(0n, 0n) }],
    };
    const r = await executeSendTx(ctx, crypto.signTx(privatenet.chainId, more, SK));
    expect(r.ok ? "" : r.failure.message).toBe("send: expected at most 512 inputs and outputs");
  });
});
