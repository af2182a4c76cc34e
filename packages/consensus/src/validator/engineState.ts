/**
 * The validator engine's state record and the dependencies its handlers run on. The state exists only
 * once the engine started (`openEngineState` loads the root and the last vote); every handler takes
 * `(state, deps)` and changes the state in place, one task at a time.
 */
import {
  type Block,
  type BlockHeader,
  bytesToHex,
  equalBytes,
  type HeaderForkHeights,
  type Vote,
} from "@theta/core-types";
import type { GuardianService } from "../guardian/service.ts";
import type { LastVoteRecord, PeerId, StakeEntry, TimerHandle } from "../ports.ts";
import { type BlockRequests, createBlockRequests, loadRoot } from "./blockRequests.ts";
import { createCcSharing } from "./ccSharing.ts";
import { type Chain, createChain } from "./chain.ts";
import { blockHashOnce } from "./decodeOnce.ts";
import { createEpochVoteSet, type EpochVote, type EpochVoteSet } from "./epochVotes.ts";
import type { Transition } from "./transitions.ts";
import type { Evidence, FinalizedBlock, ValidatorEngineDeps } from "./types.ts";
import { createValidatorSets, type ValidatorSets } from "./validatorSets.ts";

/** A verified vote as the epoch accounting keeps it. */
export interface KeptVote extends EpochVote {
  readonly vote: Vote;
}

/** The state of a started engine. */
export interface EngineState {
  /** Valid, invalid and parked blocks, the vote index, commit and finalization. */
  readonly chain: Chain;
  /** Validator-set lookups over `chain`. */
  readonly sets: ValidatorSets;
  /** Blocks wanted from peers. */
  readonly requests: BlockRequests;
  /** Sends a peer stuck below our highest CC that CC's votes (once per peer and CC). */
  readonly shareCommitCertificate: (chain: Chain, epoch: bigint, v: Vote, from: PeerId) => void;
  /** Latest-epoch vote per validator, for epoch advancement and vote evidence. */
  readonly epochVotes: EpochVoteSet<KeptVote>;
  /** Verified votes by {@link voteKey}, with their epoch (at most `MAX_SEEN_VOTES`, oldest first out). */
  readonly seenVotes: Map<string, bigint>;
  /** First proposal seen per `proposer:epoch`, for proposal evidence (at most `MAX_PROPOSAL_RECORDS`). */
  readonly proposals: Map<string, { readonly hash: string; readonly header: BlockHeader }>;
  /** The addresses of the recent validator sets, for the tip and last finalized block in `key`. */
  recentValidators: { readonly key: string; readonly addresses: ReadonlySet<string> } | undefined;
  /** Current epoch. */
  epoch: bigint;
  /** The last vote persisted (also the epoch this node last proposed in). */
  lastVote: LastVoteRecord | undefined;
  /** This node's proposal in `epoch`, re-broadcast instead of proposing twice. */
  lastProposal: { readonly epoch: bigint; readonly message: Uint8Array } | undefined;
  /** The current epoch's vote timer and timeout. */
  timers: TimerHandle[];
  /** The vote timer of the current epoch fired. */
  voteTimerReady: boolean;
  /** A block of the current (or previous) epoch was added in the current epoch. */
  blockProcessed: boolean;
  /** This node's key is in the validator set of the tip. */
  isValidator: boolean;
  /**
   * The highest block height validators' votes and blocks have named (admitted messages only), so
   * the node knows how far behind it is.
   */
  highestSeenHeight: bigint;
  /** The epoch whose proposal waits for the tip's CC, if any. */
  deferredProposal: bigint | undefined;
  /** Blocks finalized since the per-epoch caches were last pruned. */
  finalizedCount: number;
  /** NextValidatorSet(last finalized), recomputed when the last finalized block changes. */
  epochSet: { readonly block: unknown; readonly set: readonly StakeEntry[] } | undefined;
}

/** The engine's ports (those of `ValidatorEngineDeps`) and parameters, as its handlers use them. */
export interface EngineDeps extends Omit<ValidatorEngineDeps, "guardian"> {
  readonly guardian: GuardianService | undefined;
  readonly chainId: string;
  readonly forks: HeaderForkHeights;
  /** The genesis or snapshot root used when the store has no finalized block. */
  readonly genesis: Block;
  /** `minBlockInterval`, ms. */
  readonly intervalMs: number;
  /** Epoch timeout, ms. */
  readonly timeoutMs: number;
  readonly checkpointInterval: bigint;
  /** This node's address. */
  readonly self: Uint8Array;
  /** Whether a missing block may be asked from peers by hash (`ValidatorEngineOptions.backwardFetch`). */
  readonly backwardFetch: (() => boolean) | undefined;
  /** Trace line sink (prefixed with time and address), when tracing is on. */
  readonly trace: ((line: string) => void) | undefined;
  emitEvidence(e: Evidence): void;
  emitFinalized(f: FinalizedBlock): void;
  /** Runs `t` as an engine task of its own after `ms` (dropped if the engine stopped meanwhile). */
  schedule(ms: number, t: Transition): TimerHandle;
}

/** Sets `key` in `map`, dropping the oldest entries beyond `max` (a map iterates oldest first). */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}

/** Key of a vote in `seenVotes`. */
export const voteKey = (v: Vote): string => `${bytesToHex(v.id)}:${bytesToHex(v.block)}:${v.epoch}`;

/** A block's hash (of its header encoding at its height's fork). */
export const blockHash = (deps: EngineDeps, b: Block): Uint8Array =>
  blockHashOnce(b.header, deps.forks, (d) => deps.crypto.keccak256(d));

/** Whether a block at height `h` may carry a guardian aggregate (a checkpoint from Theta2 on). */
export const mayCarryGuardianVotes = (deps: EngineDeps, h: bigint): boolean =>
  h >= deps.forks.theta2Height && h % deps.checkpointInterval === 1n;

/** Whether a block at height `h` may carry an EEN aggregate (a checkpoint from Theta3 on). */
export const mayCarryEenVotes = (deps: EngineDeps, h: bigint): boolean =>
  h >= deps.forks.theta3Height && h % deps.checkpointInterval === 1n;

/** Whether this node's address is in `set`. */
export const selfIn = (deps: EngineDeps, set: readonly { readonly address: Uint8Array }[]): boolean =>
  set.some((v) => equalBytes(v.address, deps.self));

/** Whether a block is known locally: valid, invalid or parked. */
export const knows = (state: EngineState, hash: Uint8Array): boolean =>
  state.chain.entry(hash) !== undefined || state.chain.isInvalid(hash) || state.chain.isPending(hash);

/**
 * Creates the state of a starting engine: the root is the store's last finalized block (a restart) or
 * the genesis, and the last vote is the one persisted. The first epoch is not entered yet.
 */
export async function openEngineState(deps: EngineDeps): Promise<EngineState> {
  const root = await loadRoot(deps.store, deps.forks, deps.genesis, (b) => blockHash(deps, b));
  const chain = createChain(root.block, root.hash);
  const sets = createValidatorSets(chain, deps.executor);
  const lastVote = await deps.votes.load();
  const isValidator = selfIn(deps, await sets.validatorSet(root.hash));
  return {
    chain,
    sets,
    requests: createBlockRequests(deps.network, deps.trace),
    shareCommitCertificate: createCcSharing(deps.network),
    epochVotes: createEpochVoteSet<KeptVote>(),
    seenVotes: new Map(),
    proposals: new Map(),
    recentValidators: undefined,
    epoch: 0n,
    lastVote,
    lastProposal: undefined,
    timers: [],
    voteTimerReady: false,
    blockProcessed: false,
    isValidator,
    highestSeenHeight: 0n,
    deferredProposal: undefined,
    finalizedCount: 0,
    epochSet: undefined,
  };
}

/** The epoch a started engine enters first: after the root's, or the last vote's if that is later. */
export function firstEpoch(state: EngineState): bigint {
  const first = state.chain.header(state.chain.rootHash).epoch + 1n;
  const last = state.lastVote;
  return last !== undefined && last.epoch > first ? last.epoch : first;
}
