/**
 * Extension points of block application, filled by the staking and rewards code: the delayed
 * updates at the end of every block (docs/ledger.md §7.4) and the proposer's CoinbaseTx (§8).
 */
import type { CoinbaseTx, Tx } from "@theta/core-types";
import type { ExecContext } from "../execution/context.ts";
import type { BlockInfo } from "./blockInfo.ts";

/** The state a block-level hook works on: the block's view in deliver mode. */
export type BlockHookContext = Pick<ExecContext, "state" | "profile" | "height" | "crypto">;

/** Runs after the last tx of every block, before the commit (stake returns, docs/ledger.md §7.4). */
export type DelayedUpdates = (ctx: BlockHookContext) => Promise<void>;

/** Builds the unsigned CoinbaseTx of a proposal from the parent state; undefined: none. */
export type CoinbaseBuilder = (ctx: BlockHookContext, info: BlockInfo) => Promise<CoinbaseTx | undefined>;

/** Signs a tx as the proposer (the node's key); used for the proposer's own coinbase. */
export type ProposerSigner = (tx: Tx) => Tx;

/** The hooks a ledger runs. */
export interface LedgerHooks {
  /** Replaces the default block-end step, `applyStakeReturns` (tests; other chains). */
  readonly delayedUpdates?: DelayedUpdates;
  /** Replaces the default coinbase builder, `buildDefaultCoinbase` (rewards from `info.rewards`). */
  readonly buildCoinbase?: CoinbaseBuilder;
}
