/**
 * What the ledger needs to know about a block beyond its transactions to compute and check its
 * CoinbaseTx and SlashTx: the validator set, the block's aggregated votes with the state of the
 * checkpoint they vote for, and the per-block scratch (coinbase processed, slash intents).
 */
import type { AggregatedEenVotes, AggregatedVotes, SlashIntent } from "@theta/core-types";
import type { ValidatorStake } from "../staking/validatorPool.ts";
import type { StateView } from "../state/stateView.ts";

/** The parts of the checkpoint's state the rewards read: its GCP and EEN records. */
export type VoteCheckpointState = Pick<StateView, "getGcp" | "getEliteEdgeNode" | "getEenTotalActiveStake">;

/** The consensus inputs of the block reward (docs/ledger.md §8). */
export interface BlockRewardInfo {
  /**
   * The block's validator set V as consensus selects it (the finalized VCP's top candidates),
   * any order; stakes are the candidates' totals.
   */
  readonly validators: readonly ValidatorStake[];
  /** The block's aggregated guardian votes for the latest checkpoint, if it carries any. */
  readonly guardianVotes?: AggregatedVotes;
  /** The block's aggregated elite edge node votes, if it carries any. */
  readonly eenVotes?: AggregatedEenVotes;
  /** The state of the checkpoint block `guardianVotes.block` (required with guardian votes). */
  readonly voteCheckpointState?: VoteCheckpointState;
}

/** Mutable per-block state the executors share while one block is applied. */
export interface BlockScratch {
  /** Set by the first CoinbaseTx of the block; a second one is refused. */
  coinbaseProcessed: boolean;
  /** Overspends found by ServicePaymentTx settlements, for the next proposer's SlashTxs. */
  readonly slashIntents: SlashIntent[];
}

/** A fresh scratch for a new block. */
export function createBlockScratch(): BlockScratch {
  return { coinbaseProcessed: false, slashIntents: [] };
}
