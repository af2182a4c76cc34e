/**
 * The validator engine's transitions: every step a handler can take, as data. A handler never calls
 * another handler; it returns the transitions that follow from what it did, and the dispatcher
 * (`dispatch.ts`) runs them depth-first, in order, before anything else of the same task. A handler whose
 * work continues after a follow-up (it reads state the follow-up may change) returns that rest as a
 * continuation transition after the follow-up, so the order of effects is that of nested calls.
 */
import type { Block, Vote } from "@theta/core-types";
import type { PeerId } from "../ports.ts";
import type { PendingBlock } from "./chain.ts";

/** One step of the engine, run by the dispatcher. */
export type Transition =
  // ---- blocks (blocks.ts)
  /** A block arrived (from a peer, from the local store, or proposed here): check it and place it. */
  | { readonly kind: "receiveBlock"; readonly block: Block; readonly from: PeerId | undefined }
  /**
   * Validate, execute and add blocks whose parent is valid, in order (a breadth-first walk down parked
   * descendants). `childrenOf`: a block just added whose parked children join the end of `work` first.
   */
  | {
      readonly kind: "applyBlocks";
      readonly work: readonly PendingBlock[];
      readonly childrenOf?: Uint8Array;
    }
  // ---- sync (sync.ts)
  /** A block is missing locally: read it from the store, else ask a peer (`from` first). */
  | { readonly kind: "requestBlock"; readonly hash: Uint8Array; readonly from: PeerId | undefined }
  /** A peer asked for blocks by hash. */
  | { readonly kind: "serveBlocks"; readonly hashes: readonly Uint8Array[]; readonly to: PeerId }
  // ---- votes (votes.ts)
  /** A vote arrived (from a peer, a header's CC, or cast here): record it. */
  | { readonly kind: "receiveVote"; readonly vote: Vote; readonly from: PeerId | undefined }
  /** Vote for the tip (or re-vote the last vote) in the current epoch, if a validator. */
  | { readonly kind: "castVote" }
  // ---- commits (commits.ts)
  /** A block's votes may now certify it: commit and finalize. */
  | { readonly kind: "checkCommit"; readonly hash: Uint8Array }
  // ---- proposals (proposals.ts)
  /** Propose in the current epoch if this node is its proposer (`force`: do not wait for the tip's CC). */
  | { readonly kind: "propose"; readonly force: boolean }
  /** The wait for the tip's CC in `epoch` is over: propose anyway, if still deferred in that epoch. */
  | { readonly kind: "deferredProposal"; readonly epoch: bigint }
  // ---- epochs (epochs.ts)
  /** Enter `epoch`: reset its timers, re-request missing blocks, propose. */
  | { readonly kind: "enterEpoch"; readonly epoch: bigint }
  /** The rest of entering `epoch`, once the missing parents were requested. */
  | { readonly kind: "epochEntered"; readonly epoch: bigint }
  /** A vote of epoch `voteEpoch` was recorded: advance to the highest epoch with a 2/3 majority. */
  | { readonly kind: "advanceEpoch"; readonly voteEpoch: bigint }
  /** A block of epoch `blockEpoch` was added: vote once the vote timer allows it. */
  | { readonly kind: "blockAdded"; readonly blockEpoch: bigint }
  /** The vote timer of `epoch` fired. */
  | { readonly kind: "voteTimer"; readonly epoch: bigint }
  /** The timeout of `epoch` fired. */
  | { readonly kind: "epochTimeout"; readonly epoch: bigint }
  /** After the timeout's vote: repeat `epoch` unless that vote completed a majority. */
  | { readonly kind: "repeatEpoch"; readonly epoch: bigint };

/** The kinds of {@link Transition}. */
export type TransitionKind = Transition["kind"];

/** What a handler returns: the transitions to run next, in order. */
export type FollowUps = readonly Transition[];

/** No follow-up. */
export const NONE: FollowUps = [];
