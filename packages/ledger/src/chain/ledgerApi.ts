/**
 * The ledger's interface and the shapes it takes and returns: dependencies, options, block
 * execution results, proposals and check results (the implementation is `createLedger` in
 * ledger.ts).
 */
import type { ChainProfile, Hash, Result, SlashIntent, Tx } from "@theta/core-types";
import type { SignatureBatchVerifier, ThetaCrypto } from "@theta/crypto";
import type { ContractRunResult, ContractRuntime, TrieDatabase } from "../ports.ts";
import type { StateView } from "../state/stateView.ts";
import type { TxOutcome, TxRejection } from "./applyTxs.ts";
import type { BlockInfo } from "./blockInfo.ts";
import type { ChainErrorCode } from "./errors.ts";
import type { LedgerHooks, ProposerSigner } from "./hooks.ts";
import type { TxScreener } from "./screener.ts";

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
