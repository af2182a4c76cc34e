/**
 * `createLedger`: block application and proposal on the state trie (docs/ledger.md §4.1), check mode
 * for the mempool, contract dry runs and state views. Every operation opens the state at the
 * root it is given, so the caller (the node) decides which version is current.
 */
import {
  bytesToHex,
  type ChainProfile,
  decodeTx,
  encodeTx,
  equalBytes,
  err,
  type Hash,
  isThetaError,
  ok,
  type Result,
  type SlashIntent,
  ThetaError,
  type Tx,
  TxType,
} from "@theta/core-types";
import type { SignatureBatchVerifier, ThetaCrypto } from "@theta/crypto";
import { type ExecContext, ExecMode } from "../execution/context.ts";
import { decodeAndExecute } from "../execution/executeTx.ts";
import { ExecCode, type ExecFailure } from "../execution/resultCodes.ts";
import { slashTxFromIntent } from "../execution/slashTx.ts";
import { DryRunErrorCode, dryRunContract, SmartContractErrorCode } from "../execution/smartContractTx.ts";
import { applyStakeReturns } from "../execution/stakeReturns.ts";
import type { ContractRunResult, ContractRuntime, TrieDatabase } from "../ports.ts";
import { type BlockScratch, createBlockScratch } from "../rewards/blockInfo.ts";
import { createStateView, openStateView, type StateView } from "../state/stateView.ts";
import { applyRawTx, describeRejection, type TxOutcome, type TxRejection } from "./applyTxs.ts";
import type { BlockInfo } from "./blockInfo.ts";
import { buildDefaultCoinbase } from "./defaultCoinbase.ts";
import { ChainErrorCode } from "./errors.ts";
import type { LedgerHooks, ProposerSigner } from "./hooks.ts";
import { preverifySignatures } from "./preverify.ts";
import { createScreener, type TxScreener } from "./screener.ts";
import { withSignatureCache } from "./signatureCache.ts";
import { decodeTxMemo, forgetTxMemos } from "./txMemo.ts";

/** Dependencies of a ledger. */
export interface LedgerDeps {
  readonly db: TrieDatabase;
  readonly profile: ChainProfile;
  readonly crypto: ThetaCrypto;
  /** The EVM; without it a block with a SmartContractTx cannot be applied (ThetaError). */
  readonly runtime?: ContractRuntime;
  /** Delayed updates and the coinbase builder (staking and rewards). */
  readonly hooks?: LedgerHooks;
  /**
   * Checks a block's signatures at once before `applyBlock` executes its txs (e.g. platform-node's
   * worker threads); the outcomes prime the signature cache, so the result is the same without it.
   */
  readonly signatureVerifier?: SignatureBatchVerifier;
}

/** The result of applying a block: the committed state root and every tx's outcome, in order. */
export interface BlockExecution {
  readonly stateRoot: Hash;
  readonly outcomes: readonly TxOutcome[];
  /** Overspends the block's ServicePaymentTxs found (docs/decisions.md §8): the next proposer's SlashTxs. */
  readonly slashIntents: readonly SlashIntent[];
}

/** Options of `applyBlock`. */
export interface ApplyBlockOpts {
  /** The header's StateHash: a different computed root makes the block invalid (nothing committed). */
  readonly expectedStateRoot?: Hash;
}

/** A candidate the proposal left out, with the reason. */
export interface DroppedTx extends TxRejection {
  /** Its index in `candidates`; negative for the proposer's own txs: −1 − its index among them. */
  readonly index: number;
}

/** Options of `proposeBlock`. */
export interface ProposeOpts {
  /** Signs the proposer's own txs (coinbase, SlashTxs) with the node's key; without it there are none. */
  readonly sign?: ProposerSigner;
  /**
   * The slash intents of the previous block (its `BlockExecution.slashIntents`): one signed
   * SlashTx each, right after the coinbase (docs/decisions.md §8).
   */
  readonly slashIntents?: readonly SlashIntent[];
  /** More raw txs of the proposer's own, after the SlashTxs and before the candidates. */
  readonly proposerTxs?: readonly Uint8Array[];
  /**
   * At most this many regular txs (default and cap: the profile's `maxTxsPerBlock`, 512 on the
   * reference's chains, configurable per chain).
   */
  readonly maxTxs?: number;
}

/** A built block body: raw txs (coinbase first), their outcomes, what was dropped, the committed root. */
export interface BlockProposal {
  readonly txs: readonly Uint8Array[];
  readonly outcomes: readonly TxOutcome[];
  readonly dropped: readonly DroppedTx[];
  readonly stateRoot: Hash;
  /** As in `BlockExecution`. */
  readonly slashIntents: readonly SlashIntent[];
}

/** The outcome of checking one tx (mempool admission, RPC broadcast). */
export type CheckTxResult =
  | { readonly ok: true; readonly txHash: Hash; readonly tx: Tx }
  | ({ readonly ok: false } & TxRejection);

/** The ledger as the node uses it. */
export interface Ledger {
  readonly profile: ChainProfile;
  /** A state view at `root` (reads; writes stay uncommitted unless the caller commits). */
  view(root: Hash): Promise<StateView>;
  /**
   * Applies a block's txs on the state at `parentRoot`: each decoded, sanity-checked and processed
   * in order (any failure: an error naming the tx index and reason), then the delayed updates,
   * then the commit.
   */
  applyBlock(
    parentRoot: Hash,
    info: BlockInfo,
    txs: readonly Uint8Array[],
    opts?: ApplyBlockOpts,
  ): Promise<Result<BlockExecution, ChainErrorCode>>;
  /** Builds a block body from `candidates` (in the order given), dropping those that fail. */
  proposeBlock(
    parentRoot: Hash,
    info: BlockInfo,
    candidates: readonly Uint8Array[],
    opts?: ProposeOpts,
  ): Promise<BlockProposal>;
  /** Check mode at `height` on the state at `root`: no writes; Coinbase and Slash are unauthorized. */
  checkTx(root: Hash, raw: Uint8Array, height: bigint): Promise<CheckTxResult>;
  /** `theta.CallSmartContract` on the state at `root` for a block described by `info`. */
  dryRunContract(root: Hash, raw: Uint8Array, info: BlockInfo): Promise<Result<ContractRunResult>>;
  /** A mempool screening session on the state at `root` for txs of block `height`. */
  openScreener(root: Hash, height: bigint): Promise<TxScreener>;
}

/** Options of a ledger. */
export interface LedgerOpts {
  /** Signature checks remembered across mempool screening and blocks (default 100,000; 0: off). */
  readonly signatureCacheSize?: number;
}

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
