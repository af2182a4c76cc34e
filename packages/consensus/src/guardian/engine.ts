/**
 * The guardian engine's state machine (docs/consensus.md §3.4) at the object level: the node wiring decodes
 * AggregatedVotes from the network with `@theta/core-types` and hands them here, and broadcasts what
 * {@link GuardianEngine.tick} returns. Rounds saturate at `maxRounds`; after that `currVote` is frozen
 * while `nextVote` still improves.
 */

import { equalBytes, ThetaError } from "@theta/core-types";
import type { BlsSecretKey, BlsSignature, G2Point } from "@theta/crypto";
import { thetaHashToG2 } from "@theta/crypto";
import {
  type GuardianAggregate,
  GuardianErrorCode,
  type GuardianPool,
  isGuardianFinalized,
  mergeAggregates,
  signAggregate,
  validateAggregate,
} from "./aggregate.ts";
import { pickMultiplicities } from "./multiplicity.ts";

/** What happened to a received aggregate. */
export const ReceiveOutcome = {
  Adopted: "adopted",
  Merged: "merged",
  Ignored: "ignored",
} as const;

/** One of the {@link ReceiveOutcome} values. */
export type ReceiveOutcomeValue = (typeof ReceiveOutcome)[keyof typeof ReceiveOutcome];

/** The checkpoint a guardian round is about. */
export interface GuardianCheckpoint {
  /** Hash of the finalized checkpoint block. */
  readonly block: Uint8Array;
  /** Hash of the guardian pool the indices refer to. */
  readonly gcp: Uint8Array;
  /** The signed message (RLP `[Block, Gcp, [], nil]` from core-types). */
  readonly message: Uint8Array;
  /** The pool with stake, PoPs checked. */
  readonly pool: GuardianPool;
}

/**
 * This node as a guardian of the pool: its signer index and either its BLS secret key or its signature
 * on the checkpoint message (when a `Signer` port holds the key).
 */
export type GuardianSelf =
  | { readonly index: number; readonly sk: BlsSecretKey }
  | { readonly index: number; readonly signature: BlsSignature };

/** Options of the engine. */
export interface GuardianEngineOptions {
  /** Round cap (reference: 10). */
  readonly maxRounds?: number;
  /** Non-guardian pass-through mode: keep the better aggregate (Pick) instead of merging. */
  readonly passThrough?: boolean;
}

/** A guardian (or relaying) node's aggregation state. */
export interface GuardianEngine {
  /** Resets for a newly finalized checkpoint; signs if `self` is a guardian of the pool. */
  startNewBlock(checkpoint: GuardianCheckpoint, self?: GuardianSelf): void;
  /** Returns the aggregate to broadcast this tick (if any), then starts the next round. */
  tick(): GuardianAggregate | undefined;
  /** Handles an aggregate received for `block`/`gcp`. */
  receive(block: Uint8Array, gcp: Uint8Array, agg: GuardianAggregate): ReceiveOutcomeValue;
  /** Best known aggregate (`nextVote`). */
  best(): GuardianAggregate | undefined;
  /** Current round (0 before the first checkpoint). */
  round(): number;
  /** docs/decisions.md §5: whether the best aggregate carries > 2/3 of guardian stake. */
  guardianFinalized(): boolean;
}

/** Creates a guardian engine. */
export function createGuardianEngine(opts: GuardianEngineOptions = {}): GuardianEngine {
  const maxRounds = opts.maxRounds ?? 10;
  let cp: GuardianCheckpoint | undefined;
  let hashed: G2Point | undefined;
  let round = 0;
  let currVote: GuardianAggregate | undefined;
  let nextVote: GuardianAggregate | undefined;
  return {
    startNewBlock(checkpoint, self) {
      cp = checkpoint;
      hashed = undefined; // hashed on the first aggregate received: a checkpoint nobody aggregates costs none
      round = 1;
      if (self === undefined) nextVote = undefined;
      else if ("sk" in self)
        nextVote = signAggregate(checkpoint.pool, self.sk, self.index, checkpoint.message);
      else {
        if (!Number.isInteger(self.index) || self.index < 0 || self.index >= checkpoint.pool.keys.length) {
          throw new ThetaError(
            GuardianErrorCode.SignerOutOfRange,
            `signerIndex: expected 0..${checkpoint.pool.keys.length - 1}, got ${self.index}`,
          );
        }
        const multiplies = new Uint32Array(checkpoint.pool.keys.length);
        multiplies[self.index] = 1;
        nextVote = { multiplies, signature: self.signature };
      }
      currVote = nextVote;
    },
    tick() {
      const out = currVote;
      if (cp !== undefined && round < maxRounds) {
        round++;
        currVote = nextVote;
      }
      return out;
    },
    receive(block, gcp, agg) {
      if (cp === undefined || !equalBytes(block, cp.block) || !equalBytes(gcp, cp.gcp))
        return ReceiveOutcome.Ignored;
      // Cheap checks first: an aggregate that cannot improve ours is ignored without a pairing.
      // Stryker disable all: a speed-up only; the pick and merge checks below ignore the same aggregates.
      if (nextVote !== undefined && agg.multiplies.length === nextVote.multiplies.length) {
        const useless =
          opts.passThrough === true
            ? pickMultiplicities(nextVote.multiplies, agg.multiplies) === nextVote.multiplies
            : agg.multiplies.every((m, i) => m === 0 || (nextVote?.multiplies[i] ?? 0) !== 0);
        if (useless) return ReceiveOutcome.Ignored;
      }
      // Stryker restore all
      hashed ??= thetaHashToG2(cp.message);
      if (!validateAggregate(cp.pool, agg, cp.message, hashed)) return ReceiveOutcome.Ignored;
      if (nextVote === undefined) {
        nextVote = agg;
        return ReceiveOutcome.Adopted;
      }
      if (opts.passThrough === true) {
        // Stryker disable next-line ConditionalExpression: unreachable while the cheap check above holds.
        if (pickMultiplicities(nextVote.multiplies, agg.multiplies) === nextVote.multiplies)
          return ReceiveOutcome.Ignored;
        nextVote = agg;
        return ReceiveOutcome.Adopted;
      }
      try {
        const merged = mergeAggregates(nextVote, agg);
        // Stryker disable next-line ConditionalExpression: unreachable while the cheap check above holds.
        if (merged === undefined) return ReceiveOutcome.Ignored;
        nextVote = merged;
        return ReceiveOutcome.Merged;
      } catch {
        return ReceiveOutcome.Ignored;
      }
    },
    best: () => nextVote,
    round: () => round,
    guardianFinalized: () =>
      cp !== undefined && nextVote !== undefined && isGuardianFinalized(cp.pool, nextVote),
  };
}
