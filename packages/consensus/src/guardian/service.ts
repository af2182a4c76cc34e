/**
 * The guardian engine on the network (docs/consensus.md §3.4): when a checkpoint is finalized the node signs
 * it (if its BLS key is in the pool), and every `roundLengthMs` it broadcasts its current aggregate on
 * the Guardian channel as core-types `AggregatedVotes`; aggregates received for the same checkpoint and
 * pool are validated and merged (or picked, in pass-through mode). The validator engine puts
 * {@link GuardianService.best} into the next checkpoint block and validates the aggregates in headers with
 * {@link GuardianService.validate}.
 */
import { type AggregatedVotes, bytesToHex, ChannelId, equalBytes } from "@theta/core-types";
import { blsSignatureFromBytes } from "@theta/crypto";
import type { Clock, GuardianPoolInfo, Network, Signer, TimerHandle } from "../ports.ts";
import { Channel } from "../ports.ts";
import { decodeConsensusMessage, guardianMessage } from "../validator/wire.ts";
import { createGuardianPool, type GuardianPool, validateAggregate } from "./aggregate.ts";
import { createGuardianEngine, type GuardianSelf } from "./engine.ts";
import { aggregateFromWire, aggregateToWire, createGuardianCheckpoint } from "./wire.ts";

/** Ports of the guardian service. */
export interface GuardianServiceDeps {
  readonly clock: Clock;
  readonly network: Network;
  /** Signs with the node's BLS key (`blsPubkey()` undefined: the node only relays). */
  readonly signer: Signer;
}

/** Timings and modes. */
export interface GuardianServiceOptions {
  /** `guardian.roundLength` in ms (reference 30,000). */
  readonly roundLengthMs?: number;
  /** Round cap (reference 10). */
  readonly maxRounds?: number;
  /** Non-guardian pass-through mode (Pick instead of Merge). */
  readonly passThrough?: boolean;
}

/** The guardian layer of one node. */
export interface GuardianService {
  /** Starts gossip for a newly finalized checkpoint block with its guardian pool (PoPs are checked). */
  startCheckpoint(block: Uint8Array, pool: GuardianPoolInfo): void;
  /** The best aggregate for the current checkpoint, in wire form. */
  best(): AggregatedVotes | undefined;
  /** docs/decisions.md §5: whether the best aggregate carries more than 2/3 of the pool's stake. */
  guardianFinalized(): boolean;
  /** Validates aggregated votes (from a header) against the pool they name (docs/consensus.md §1.7 item 7). */
  validate(votes: AggregatedVotes, pool: GuardianPoolInfo): boolean;
  /** Stops ticking and listening. */
  stop(): void;
}

/** Creates the service and subscribes to the Guardian channel. */
export function createGuardianService(
  deps: GuardianServiceDeps,
  opts: GuardianServiceOptions = {},
): GuardianService {
  const { clock, network, signer } = deps;
  const roundLength = opts.roundLengthMs ?? 30_000;
  const engine = createGuardianEngine({
    ...(opts.maxRounds === undefined ? {} : { maxRounds: opts.maxRounds }),
    ...(opts.passThrough === undefined ? {} : { passThrough: opts.passThrough }),
  });
  const pools = new Map<string, GuardianPool>();
  let current: { block: Uint8Array; gcp: Uint8Array } | undefined;
  let timer: TimerHandle | undefined;
  let stopped = false;

  const poolFor = (info: GuardianPoolInfo): GuardianPool => {
    const key = bytesToHex(info.gcpHash);
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = createGuardianPool(info.guardians);
      pools.set(key, pool);
    }
    return pool;
  };
  const tick = (): void => {
    if (stopped || current === undefined) return;
    const out = engine.tick();
    if (out !== undefined) {
      network.broadcast(Channel.Guardian, guardianMessage(aggregateToWire(current.block, current.gcp, out)));
    }
    timer = clock.setTimer(roundLength, tick);
  };
  const unsubscribe = network.subscribe((msg) => {
    if (msg.channel !== ChannelId.Guardian || current === undefined) return;
    try {
      const m = decodeConsensusMessage(msg.channel, msg.payload, { theta2Height: 0n, theta3Height: 0n });
      if (m.kind !== "guardian") return;
      if (!equalBytes(m.votes.block, current.block) || !equalBytes(m.votes.gcp, current.gcp)) return;
      engine.receive(m.votes.block, m.votes.gcp, aggregateFromWire(m.votes));
    } catch {
      // malformed or invalid aggregates are dropped
    }
  });
  return {
    startCheckpoint(block, info) {
      const pool = poolFor(info);
      const checkpoint = createGuardianCheckpoint(block, info.gcpHash, pool);
      const pk = signer.blsPubkey();
      const index = pk === undefined ? -1 : info.guardians.findIndex((g) => equalBytes(g.blsPubkey, pk));
      const self: GuardianSelf | undefined =
        index < 0
          ? undefined
          : { index, signature: blsSignatureFromBytes(signer.signBls(checkpoint.message)) };
      engine.startNewBlock(checkpoint, self);
      current = { block, gcp: info.gcpHash };
      timer?.cancel();
      timer = clock.setTimer(roundLength, tick);
    },
    best() {
      const b = engine.best();
      return b === undefined || current === undefined
        ? undefined
        : aggregateToWire(current.block, current.gcp, b);
    },
    guardianFinalized: () => engine.guardianFinalized(),
    validate(votes, info) {
      if (!equalBytes(votes.gcp, info.gcpHash)) return false;
      try {
        const pool = poolFor(info);
        const checkpoint = createGuardianCheckpoint(votes.block, votes.gcp, pool);
        return validateAggregate(pool, aggregateFromWire(votes), checkpoint.message);
      } catch {
        return false;
      }
    },
    stop() {
      stopped = true;
      timer?.cancel();
      unsubscribe();
    },
  };
}
