/**
 * Mempool screening: a private scratch state on top of the latest block where every admitted tx
 * is applied, so a sender's consecutive txs (and their combined spending) are checked against
 * each other. A SmartContractTx is not run: it passes check mode, then the screener reserves its
 * worst case (value plus gas price × gas limit) and bumps the sequence.
 */
import {
  type Account,
  type Address,
  type Hash,
  isActive,
  isThetaError,
  type Tx,
  TxType,
} from "@theta/core-types";
import { getInput } from "../execution/accounts.ts";
import { type ExecContext, ExecMode } from "../execution/context.ts";
import { executeTx } from "../execution/executeTx.ts";
import { ExecCode } from "../execution/resultCodes.ts";
import { createStateView, type StateView, type StateViewDeps } from "../state/stateView.ts";
import type { TxRejection } from "./applyTxs.ts";
import { decodeTxMemo, txHashMemo } from "./txMemo.ts";

/** The outcome of screening one raw tx. */
export type ScreenResult =
  | { readonly ok: true; readonly txHash: Hash; readonly tx: Tx }
  | ({ readonly ok: false } & TxRejection);

/** A screening session at one state and height (the next block's). */
export interface TxScreener {
  /** The height txs are checked for (latest block height + 1). */
  readonly height: bigint;
  /** Checks `raw` against the screening state and, when valid, applies it there. */
  screen(raw: Uint8Array): Promise<ScreenResult>;
  /** The sequence stored for `address` in the screening state (0 when the account is absent). */
  sequenceOf(address: Address): Promise<bigint>;
  /**
   * The account in the screening state (the latest block plus every admitted tx, contract txs at
   * their worst-case cost), with expired reserved funds released as the next block would.
   */
  accountOf(address: Address): Promise<Account | undefined>;
}

/**
 * Opens a screener on `state` (which it owns and writes) for txs of block `base.height`; `deps.db`
 * is the node database the state was opened from.
 */
export function createScreener(base: Omit<ExecContext, "mode">, deps: StateViewDeps): TxScreener {
  let state: StateView = base.state;
  const ctx = (s: StateView, mode: ExecMode): ExecContext => ({ ...base, state: s, mode });
  async function reserveContract(tx: Tx & { type: typeof TxType.SmartContract }): Promise<void> {
    const acc = await getInput(state, tx.from.address, base.height);
    if (acc === undefined) return;
    const theta = isActive(base.profile, "supportThetaTokenInSmartContract", base.height)
      ? tx.from.coins.thetaWei
      : 0n;
    const tfuel = tx.from.coins.tfuelWei + tx.gasPrice * tx.gasLimit;
    await state.setAccount({
      ...acc,
      sequence: acc.sequence + 1n,
      balance: { thetaWei: acc.balance.thetaWei - theta, tfuelWei: acc.balance.tfuelWei - tfuel },
    });
  }
  return {
    height: base.height,
    async screen(raw) {
      const txHash = txHashMemo(base.crypto, raw);
      let tx: Tx;
      try {
        tx = decodeTxMemo(raw);
      } catch (e) {
        if (!isThetaError(e)) throw e;
        return {
          ok: false,
          txHash,
          failure: { code: ExecCode.Generic, message: `tx decoding: ${e.message}` },
        };
      }
      const special =
        tx.type === TxType.SmartContract || tx.type === TxType.Coinbase || tx.type === TxType.Slash;
      if (special) {
        const r = await executeTx(ctx(state, ExecMode.Check), tx);
        if (!r.ok) return { ok: false, txHash, tx, failure: r.failure };
        if (tx.type === TxType.SmartContract) await reserveContract(tx);
        return { ok: true, txHash, tx };
      }
      // Applied in place; a refused tx may have written part of its effects, so the trie as it
      // was before it (a copy-on-write snapshot) is put back.
      const before = await state.trie.copy();
      const r = await executeTx(ctx(state, ExecMode.Deliver), tx);
      if (!r.ok) {
        state = createStateView(deps, before);
        return { ok: false, txHash, tx, failure: r.failure };
      }
      return { ok: true, txHash, tx };
    },
    async sequenceOf(address) {
      return (await state.getAccount(address))?.sequence ?? 0n;
    },
    accountOf: (address) => getInput(state, address, base.height),
  };
}
