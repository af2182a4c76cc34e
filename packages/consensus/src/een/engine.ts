/**
 * The aggregation state machine of a validator or guardian node for elite-edge-node votes
 * (docs/consensus.md §3.6), at the object level: the service decodes what arrives on channels 12 and 13
 * and hands it here. One checkpoint at a time; single votes are checked (current checkpoint, first vote
 * of a sampled edge node, signature) and merged as one-entry aggregates; received aggregates that add an
 * edge node are verified and merged. Like the guardian engine, `currVote` (what is gossiped) moves to
 * `nextVote` (the best known) once per round, until `maxRounds` (reference 20).
 */
import { bytesToHex, type EenVote, equalBytes } from "@theta/core-types";
import { addsSigner, type EenAggregate, type HeldAggregate, mergeHeld } from "./aggregate.ts";
import { type EenCheckpoint, verifyEenAggregate } from "./checkpoint.ts";
import { type EenOutcome, EenRejection, rejected } from "./errors.ts";
import type { EenCrypto, EenSignature } from "./ports.ts";

/** Options of the aggregation engine. */
export interface EenEngineOptions {
  /** Round cap (reference `maxEENRound` = 20). */
  readonly maxRounds?: number;
  /** Bound on the votes remembered as counted per checkpoint (default 100,000). */
  readonly maxSeenVotes?: number;
}

/** Counters of one checkpoint, for tests, benches and metrics. */
export interface EenEngineStats {
  readonly votesAccepted: number;
  readonly votesRejected: number;
  readonly aggregatesMerged: number;
  readonly aggregatesRejected: number;
  /** Votes remembered as counted (bounded). */
  readonly seenVotes: number;
}

/** A validator or guardian node's EEN aggregation state. */
export interface EenEngine {
  /** Starts aggregating for a newly finalized checkpoint (forgets the previous one). */
  start(cp: EenCheckpoint): void;
  /** The checkpoint being aggregated. */
  checkpoint(): EenCheckpoint | undefined;
  /** Handles a single edge-node vote (channel 12). */
  receiveVote(vote: EenVote): Promise<EenOutcome>;
  /** Handles an aggregate received for `block` (channel 13). */
  receiveAggregate(block: Uint8Array, agg: EenAggregate): Promise<EenOutcome>;
  /**
   * Starts the next round (up to `maxRounds`): `currVote` becomes the best known; returns it for gossip.
   * After the cap `currVote` stays frozen while `nextVote` may still improve.
   */
  tick(): HeldAggregate | undefined;
  /** The best aggregate known (`nextVote`). */
  best(): HeldAggregate | undefined;
  /** Rounds started for the current checkpoint (0 right after `start`). */
  round(): number;
  stats(): EenEngineStats;
}

/** Creates an aggregation engine on `crypto`. */
export function createEenEngine(crypto: EenCrypto, opts: EenEngineOptions = {}): EenEngine {
  const maxRounds = opts.maxRounds ?? 20;
  const maxSeen = opts.maxSeenVotes ?? 100_000;
  let cp: EenCheckpoint | undefined;
  let round = 0;
  let currVote: HeldAggregate | undefined;
  let nextVote: HeldAggregate | undefined;
  let seen = new Set<string>();
  const counts = { votesAccepted: 0, votesRejected: 0, aggregatesMerged: 0, aggregatesRejected: 0 };

  const take = (held: HeldAggregate): EenOutcome => {
    if (nextVote === undefined) {
      nextVote = held;
      return { ok: true, kind: "adopted" };
    }
    const merged = mergeHeld(nextVote, held, crypto);
    if (merged === undefined) return rejected(EenRejection.NoNewSigner);
    if (typeof merged === "string") return rejected(merged);
    nextVote = merged;
    return { ok: true, kind: "merged" };
  };
  const count = (o: EenOutcome, kind: "votes" | "aggregates"): EenOutcome => {
    if (kind === "votes") o.ok ? counts.votesAccepted++ : counts.votesRejected++;
    else o.ok ? counts.aggregatesMerged++ : counts.aggregatesRejected++;
    return o;
  };

  const vote = async (v: EenVote): Promise<EenOutcome> => {
    const at = cp;
    if (at === undefined) return rejected(EenRejection.NoCheckpoint);
    if (!equalBytes(v.block, at.block)) return rejected(EenRejection.WrongCheckpoint);
    const id = bytesToHex(v.address);
    if (seen.has(id)) return rejected(EenRejection.Duplicate);
    if (v.signature === undefined) return rejected(EenRejection.BadSignature);
    const entry = await at.entry(v.address);
    if (cp !== at) return rejected(EenRejection.WrongCheckpoint);
    if (entry === undefined) return rejected(EenRejection.NotSampled);
    let signature: EenSignature;
    try {
      signature = crypto.signature(v.signature);
    } catch {
      return rejected(EenRejection.BadSignature);
    }
    if (!crypto.verify(entry.key, at.prepared, signature)) return rejected(EenRejection.BadSignature);
    seen.add(id);
    if (seen.size > maxSeen) seen.delete(seen.values().next().value as string);
    return take({ addresses: [v.address], multiplies: [1], signature, key: entry.key });
  };

  const aggregate = async (block: Uint8Array, agg: EenAggregate): Promise<EenOutcome> => {
    const at = cp;
    if (at === undefined) return rejected(EenRejection.NoCheckpoint);
    if (!equalBytes(block, at.block)) return rejected(EenRejection.WrongCheckpoint);
    // Cheap first: an aggregate that names no new edge node cannot improve ours (no pairing spent).
    if (nextVote !== undefined && !addsSigner(nextVote.addresses, agg.addresses))
      return rejected(EenRejection.NoNewSigner);
    const held = await verifyEenAggregate(at, agg, crypto, nextVote);
    if (cp !== at) return rejected(EenRejection.WrongCheckpoint);
    if (typeof held === "string") return rejected(held);
    return take(held);
  };

  return {
    start(checkpoint) {
      cp = checkpoint;
      round = 0;
      currVote = undefined;
      nextVote = undefined;
      seen = new Set();
      counts.votesAccepted = counts.votesRejected = counts.aggregatesMerged = counts.aggregatesRejected = 0;
    },
    checkpoint: () => cp,
    receiveVote: async (v) => count(await vote(v), "votes"),
    receiveAggregate: async (block, agg) => count(await aggregate(block, agg), "aggregates"),
    tick() {
      if (cp !== undefined && round < maxRounds) {
        round++;
        currVote = nextVote;
      }
      return currVote;
    },
    best: () => nextVote,
    round: () => round,
    stats: () => ({ ...counts, seenVotes: seen.size }),
  };
}
