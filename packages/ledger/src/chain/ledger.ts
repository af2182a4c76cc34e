/**
 * `createLedger`: block application and proposal on the state trie (docs/ledger.md §4.1), check mode
 * for the mempool, contract dry runs and state views. Every operation opens the state at the
 * root it is given, so the caller (the node) decides which version is current.
 */
import {
  bytesToHex,
  decodeTx,
  encodeTx,
  equalBytes,
  err,
  type Hash,
  isThetaError,
  ok,
  type Result,
  ThetaError,
  type Tx,
  TxType,
} from "@theta/core-types";
import { type ExecContext, ExecMode } from "../execution/context.ts";
import { DryRunErrorCode, dryRunContract } from "../execution/contractDryRun.ts";
import { decodeAndExecute } from "../execution/executeTx.ts";
import { ExecCode, type ExecFailure } from "../execution/resultCodes.ts";
import { slashTxFromIntent } from "../execution/slashTx.ts";
import { SmartContractErrorCode } from "../execution/smartContractTx.ts";
import { applyStakeReturns } from "../execution/stakeReturns.ts";
import type { ContractRunResult } from "../ports.ts";
import { type BlockScratch, createBlockScratch } from "../rewards/blockInfo.ts";
import { createStateView, openStateView, type StateView } from "../state/stateView.ts";
import { applyRawTx, describeRejection, type TxOutcome } from "./applyTxs.ts";
import type { BlockInfo } from "./blockInfo.ts";
import { buildDefaultCoinbase } from "./defaultCoinbase.ts";
import { ChainErrorCode } from "./errors.ts";
import type {
  ApplyBlockOpts,
  BlockExecution,
  BlockProposal,
  CheckTxResult,
  DroppedTx,
  Ledger,
  LedgerDeps,
  LedgerOpts,
  ProposeOpts,
} from "./ledgerApi.ts";
import { preverifySignatures } from "./preverify.ts";
import { createScreener } from "./screener.ts";
import { withSignatureCache } from "./signatureCache.ts";
import { decodeTxMemo, forgetTxMemos } from "./txMemo.ts";

export type {
  ApplyBlockOpts,
  BlockExecution,
  BlockProposal,
  CheckTxResult,
  DroppedTx,
  Ledger,
  LedgerDeps,
  LedgerOpts,
  ProposeOpts,
};

/** Creates a ledger over a node database. */
export function createLedger(deps: LedgerDeps, opts?: LedgerOpts): Ledger {
  const { db, profile, runtime, hooks } = deps;
  const crypto = withSignatureCache(deps.crypto, opts?.signatureCacheSize ?? 100_000);
  const delayedUpdates = hooks?.delayedUpdates ?? applyStakeReturns;
  const view = (root: Hash) => openStateView({ db }, root);
  const buildCoinbase = hooks?.buildCoinbase ?? buildDefaultCoinbase;
  const deliverCtx = (state: StateView, info: BlockInfo, scratch: BlockScratch): ExecContext => ({
    state,
    profile,
    height: info.height,
    crypto,
    mode: ExecMode.Deliver,
    ...(runtime === undefined ? {} : { runtime }),
    block: { parentTimestamp: info.parentTimestamp, proposer: info.proposer },
    ...(info.rewards === undefined ? {} : { rewards: info.rewards }),
    scratch,
  });
  const regularCap = (opts?: ProposeOpts) =>
    Math.min(opts?.maxTxs ?? profile.maxTxsPerBlock, profile.maxTxsPerBlock);
  const ALL = { coinbaseAllowed: true } as const;
  const NO_COINBASE = { coinbaseAllowed: false } as const;

  async function applyBlock(
    parentRoot: Hash,
    info: BlockInfo,
    txs: readonly Uint8Array[],
    opts?: ApplyBlockOpts,
  ): Promise<Result<BlockExecution, ChainErrorCode>> {
    if (deps.signatureVerifier !== undefined) {
      await preverifySignatures(crypto, deps.signatureVerifier, profile, decodableTxs(txs));
    }
    const state = await view(parentRoot);
    const scratch = createBlockScratch();
    const ctx = deliverCtx(state, info, scratch);
    const outcomes: TxOutcome[] = [];
    for (const [i, raw] of txs.entries()) {
      const r = await applyRawTx(ctx, ALL, raw);
      if (!r.ok) return err(ChainErrorCode.InvalidTx, `block ${info.height}: ${describeRejection(i, r)}`);
      outcomes.push(r.outcome);
    }
    await delayedUpdates(ctx);
    const expected = opts?.expectedStateRoot;
    if (expected !== undefined) {
      const root = await state.root();
      if (!equalBytes(root, expected)) {
        return err(
          ChainErrorCode.StateRootMismatch,
          `block ${info.height}: state root 0x${bytesToHex(root)} differs from the header's 0x${bytesToHex(expected)}`,
        );
      }
    }
    forgetTxMemos(txs);
    return ok({ stateRoot: await state.commit(), outcomes, slashIntents: scratch.slashIntents });
  }

  async function proposeBlock(
    parentRoot: Hash,
    info: BlockInfo,
    candidates: readonly Uint8Array[],
    opts?: ProposeOpts,
  ): Promise<BlockProposal> {
    let state = await view(parentRoot);
    const scratch = createBlockScratch();
    const txs: Uint8Array[] = [];
    const outcomes: TxOutcome[] = [];
    const dropped: DroppedTx[] = [];
    const sign = opts?.sign;
    if (sign !== undefined) {
      const unsigned = await buildCoinbase(deliverCtx(state, info, scratch), info);
      if (unsigned !== undefined) {
        const raw = encodeTx(sign(unsigned));
        const r = await applyRawTx(deliverCtx(state, info, scratch), ALL, raw);
        if (!r.ok) {
          throw new ThetaError(
            ChainErrorCode.CoinbaseFailed,
            `proposal ${info.height}: ${describeRejection(0, r)}`,
          );
        }
        txs.push(raw);
        outcomes.push(r.outcome);
      }
    }
    // Each candidate runs on the proposal's state; a failed one may have written part of its
    // effects, so the trie as it was before it (a copy-on-write snapshot, cheap) is put back.
    const tryTx = async (raw: Uint8Array, index: number): Promise<boolean> => {
      const before = await state.trie.copy();
      const intents = scratch.slashIntents.length;
      const r = await applyRawTx(deliverCtx(state, info, scratch), NO_COINBASE, raw);
      if (!r.ok) {
        scratch.slashIntents.length = intents;
        state = createStateView({ db }, before);
        dropped.push({ ...r, index });
        return false;
      }
      txs.push(raw);
      outcomes.push(r.outcome);
      return true;
    };
    const slashTxs =
      sign === undefined
        ? []
        : (opts?.slashIntents ?? []).map((i) => encodeTx(sign(slashTxFromIntent(i, info.proposer))));
    for (const [i, raw] of [...slashTxs, ...(opts?.proposerTxs ?? [])].entries()) await tryTx(raw, -1 - i);
    const cap = regularCap(opts);
    let regular = 0;
    for (const [index, raw] of candidates.entries()) {
      if (regular >= cap) break;
      if (await tryTx(raw, index)) regular++;
    }
    await delayedUpdates(deliverCtx(state, info, scratch));
    forgetTxMemos(txs);
    return { txs, outcomes, dropped, stateRoot: await state.commit(), slashIntents: scratch.slashIntents };
  }

  async function checkTx(root: Hash, raw: Uint8Array, height: bigint): Promise<CheckTxResult> {
    const state = await view(root);
    const txHash = crypto.txHash(raw);
    const r = await decodeAndExecute({ state, profile, height, crypto, mode: ExecMode.Check }, raw);
    if (r.ok && r.tx !== undefined) return { ok: true, txHash, tx: r.tx };
    const failure: ExecFailure = r.ok ? { code: ExecCode.Generic, message: "tx: not decoded" } : r.failure;
    return r.tx === undefined ? { ok: false, txHash, failure } : { ok: false, txHash, tx: r.tx, failure };
  }

  async function dryRun(root: Hash, raw: Uint8Array, info: BlockInfo): Promise<Result<ContractRunResult>> {
    let tx: Tx;
    try {
      tx = decodeTx(raw);
    } catch (e) {
      if (!isThetaError(e)) throw e;
      return err(e.code, `dry run: ${e.message}`);
    }
    if (tx.type !== TxType.SmartContract) {
      return err(ChainErrorCode.NotAContractTx, "dry run: expected a SmartContractTx (type 7)");
    }
    if (runtime === undefined) {
      throw new ThetaError(
        SmartContractErrorCode.NoRuntime,
        "deps.runtime: a ContractRuntime is required for a dry run",
      );
    }
    const block = { parentTimestamp: info.parentTimestamp, proposer: info.proposer };
    const r = await dryRunContract(
      { state: await view(root), profile, height: info.height, runtime, block },
      tx,
    );
    return r.ok ? r : err<string>(DryRunErrorCode.NotEnabled, r.message);
  }

  return {
    profile,
    view,
    applyBlock,
    proposeBlock,
    checkTx,
    dryRunContract: dryRun,
    async openScreener(root, height) {
      return createScreener({ state: await view(root), profile, height, crypto }, { db });
    },
  };
}

/** The txs of `raws` that decode (the others fail in their turn, with their index). */
function decodableTxs(raws: readonly Uint8Array[]): Tx[] {
  const out: Tx[] = [];
  for (const raw of raws) {
    try {
      out.push(decodeTxMemo(raw));
    } catch {
      // reported by applyRawTx
    }
  }
  return out;
}
