/**
 * Public types of the validator engine: its ports, options, status and events.
 */
import type { Block, BlockHeader, HeaderForkHeights, Vote } from "@theta/core-types";
import type { EenAggregatorService } from "../een/service.ts";
import type { GuardianService } from "../guardian/service.ts";
import type { BlockStore, Clock, ConsensusCrypto, Executor, Network, Signer, VoteStore } from "../ports.ts";
import type { EngineSyncView } from "../sync/types.ts";

/** The ports a validator engine runs on. */
export interface ValidatorEngineDeps {
  readonly clock: Clock;
  readonly network: Network;
  readonly store: BlockStore;
  readonly votes: VoteStore;
  readonly executor: Executor;
  readonly signer: Signer;
  /** Hashing and signature recovery (`defaultCrypto` from `@theta/crypto`). */
  readonly crypto: ConsensusCrypto;
  /**
   * The guardian layer, if the node takes part in it: started on every finalized checkpoint (from the
   * Theta2 height on), its best aggregate goes into the next checkpoint block, and it validates the
   * aggregates in received headers. Without it, headers' guardian votes are not checked cryptographically.
   */
  readonly guardian?: GuardianService;
  /**
   * The elite-edge-node aggregator, if the node runs one: started on every finalized checkpoint from the
   * Theta3 height on, its best aggregate goes into the next checkpoint block, and it verifies the EEN
   * aggregates of received headers against the EEN stake set of the checkpoint they name. Without it,
   * headers' EEN votes are not checked cryptographically.
   */
  readonly een?: Pick<EenAggregatorService, "startCheckpoint" | "best" | "validate">;
}

/** Chain parameters and timings. */
export interface ValidatorEngineOptions {
  /** Chain id every block must carry. */
  readonly chainId: string;
  /** Fork heights that decide the header layout. */
  readonly forks: HeaderForkHeights;
  /** The trusted root when the store has no finalized block yet (genesis or a snapshot's root). */
  readonly genesis: Block;
  /** `minBlockInterval`: earliest vote after entering an epoch, ms (reference 6,000; privatenet 2,000). */
  readonly blockIntervalMs?: number;
  /** `maxEpochLength`: epoch timeout, ms; defaults to twice the block interval. */
  readonly epochTimeoutMs?: number;
  /** Checkpoint interval (height % interval == 1); default 100. */
  readonly checkpointInterval?: bigint;
  /** Receives one line per notable event (epoch entered, block rejected), for logs and debugging. */
  readonly trace?: (line: string) => void;
  /**
   * Whether a missing block may be asked from peers by hash (the backward fetch); asked before every such
   * request. The header-first syncer answers false while it fills a long gap. Default: always.
   */
  readonly backwardFetch?: () => boolean;
}

/** What {@link ValidatorEngine.status} reports. */
export interface EngineStatus {
  /** Current epoch. */
  readonly epoch: bigint;
  /** Height of the fork-choice tip. */
  readonly height: bigint;
  /** Hash of the fork-choice tip. */
  readonly tipHash: Uint8Array;
  /** Height of the highest committed block. */
  readonly highestCommittedHeight: bigint;
  /** Height of the last finalized block. */
  readonly lastFinalizedHeight: bigint;
  /** Hash of the last finalized block. */
  readonly lastFinalizedHash: Uint8Array;
  /** Whether this node's key is in the validator set of the tip (otherwise it follows). */
  readonly isValidator: boolean;
  /**
   * The highest height validators' votes and blocks have named (never below `height`): a node whose
   * tip is well below it is catching up.
   */
  readonly highestSeenHeight: bigint;
}

/**
 * What the engine holds of what peers sent, each part bounded (`limits.ts`; the README's "Limits"): for
 * metrics and tests.
 */
export interface RetainedCounts {
  /** Inbound messages waiting in the queue. */
  readonly queuedMessages: number;
  /** Their payload bytes. */
  readonly queuedBytes: number;
  /** Blocks parked for a missing parent. */
  readonly parkedBlocks: number;
  /** Their encoded bytes. */
  readonly parkedBytes: number;
  /** Hashes of invalid blocks remembered. */
  readonly invalidHashes: number;
  /** Blocks with votes in the per-block index (valid ones and unknown ones). */
  readonly votedBlocks: number;
  /** Votes cached as verified. */
  readonly seenVotes: number;
  /** Votes held for epoch advancement and vote evidence. */
  readonly epochVotes: number;
  /** First-proposal records (proposal evidence). */
  readonly proposalRecords: number;
}

/** A block the engine finalized (in height order). */
export interface FinalizedBlock {
  readonly block: Block;
  readonly hash: Uint8Array;
  readonly height: bigint;
}

/** Equivocation evidence: two votes, or two proposals, by one validator in one epoch. */
export type Evidence =
  | { readonly kind: "vote"; readonly first: Vote; readonly second: Vote }
  | { readonly kind: "proposal"; readonly first: BlockHeader; readonly second: BlockHeader };

/** The validator BFT engine of docs/consensus.md §2. */
export interface ValidatorEngine {
  /** Loads the root and the last vote, subscribes to the network and enters the first epoch. */
  start(): Promise<void>;
  /** Cancels timers, unsubscribes and waits for the task in progress. */
  stop(): Promise<void>;
  /** Current view of the chain. */
  status(): EngineStatus;
  /** The chain as the header-first syncer reads it (throws before `start()`, like `status()`). */
  syncView(): EngineSyncView;
  /** What the engine holds of what peers sent (throws before `start()`, like `status()`). */
  retained(): RetainedCounts;
  /** Called for every finalized block, oldest first; returns an unsubscribe function. */
  onFinalized(cb: (f: FinalizedBlock) => void): () => void;
  /** Called with equivocation evidence; returns an unsubscribe function. */
  onEvidence(cb: (e: Evidence) => void): () => void;
  /** Called when handling an event failed unexpectedly (a port threw); returns an unsubscribe function. */
  onError(cb: (e: unknown) => void): () => void;
  /** Whether no event is queued or being handled (simulations step the clock only when idle). */
  idle(): boolean;
  /** Resolves when no event is queued or being handled. */
  whenIdle(): Promise<void>;
}
