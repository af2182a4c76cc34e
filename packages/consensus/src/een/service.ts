/**
 * The EEN aggregator of a validator or guardian node on the network (docs/consensus.md §3.6): started on
 * every finalized checkpoint, it takes edge-node votes from channel 12 and aggregates from channel 13
 * (one message at a time, in arrival order, with a bounded queue), and every `roundLengthMs` sends its
 * current aggregate on channel 13 to `fanout` peers sampled with the {@link Random} port. The validator
 * engine puts {@link EenAggregatorService.best} into the next checkpoint header and checks the aggregates
 * of received headers with {@link EenAggregatorService.validate}.
 */
import { type AggregatedEenVotes, bytesToHex, equalBytes } from "@theta/core-types";
import { Channel, type Clock, type Network, type PeerId, type Random, type TimerHandle } from "../ports.ts";
import { eenAggregateFromWire, eenAggregateToWire } from "./aggregate.ts";
import {
  coveredStake,
  type EenCheckpoint,
  type EenKeyCache,
  openEenCheckpoint,
  verifyEenAggregate,
} from "./checkpoint.ts";
import { createEenEngine, type EenEngine, type EenEngineStats } from "./engine.ts";
import type { EenCrypto, EenStakeSource } from "./ports.ts";
import { decodeEenMessage, eenAggregateMessage, isEenChannel } from "./wire.ts";

/** Ports of the aggregator. */
export interface EenServiceDeps {
  readonly clock: Clock;
  readonly network: Network;
  /** Samples the peers of each round. */
  readonly random: Random;
  /** The EEN stake set of a checkpoint's state. */
  readonly source: EenStakeSource;
  readonly crypto: EenCrypto;
}

/** Timings and bounds. */
export interface EenServiceOptions {
  /** Round length, ms (reference 30,000). */
  readonly roundLengthMs?: number;
  /** Round cap (reference 20). */
  readonly maxRounds?: number;
  /** Peers the aggregate goes to each round (default 16). */
  readonly fanout?: number;
  /** Inbound messages waiting at most (default 4,096; more are dropped). */
  readonly maxQueued?: number;
  /**
   * An aggregate unchanged since the last round is sent again only every this many rounds (default 4;
   * 1 sends every round as the reference does).
   */
  readonly resendUnchangedEvery?: number;
}

/** What the aggregator did for the current checkpoint. */
export interface EenServiceStats extends EenEngineStats {
  readonly round: number;
  /** Bytes sent on channel 13 (one count per recipient). */
  readonly bytesSent: number;
  /** Inbound messages dropped because the queue was full. */
  readonly dropped: number;
}

/** The EEN aggregator of one node. */
export interface EenAggregatorService {
  /** Starts aggregating for a newly finalized checkpoint (queued behind messages already received). */
  startCheckpoint(block: Uint8Array, height: bigint): void;
  /** The best aggregate for the current checkpoint, in wire form. */
  best(): AggregatedEenVotes | undefined;
  /** The checkpoint being aggregated. */
  checkpoint(): EenCheckpoint | undefined;
  /** Σ stake of the edge nodes in the best aggregate, and the total EEN stake of the checkpoint. */
  coverage(): { readonly stake: bigint; readonly total: bigint } | undefined;
  /** Verifies aggregated votes (from a header) against the EEN stake set of the checkpoint they name. */
  validate(votes: AggregatedEenVotes, height: bigint): Promise<boolean>;
  stats(): EenServiceStats;
  /** Resolves when every queued message has been handled. */
  whenIdle(): Promise<void>;
  /** Stops ticking and listening. */
  stop(): void;
}

/** `k` distinct peers sampled from `peers` (all of them when there are fewer). */
function sample(peers: readonly PeerId[], k: number, random: Random): PeerId[] {
  const a = [...peers];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Number(random.nextBelow(BigInt(a.length - i)));
    [a[i], a[j]] = [a[j] as PeerId, a[i] as PeerId];
  }
  return a.slice(0, n);
}

/** Creates the aggregator and subscribes to channels 12 and 13. */
export function createEenAggregatorService(
  deps: EenServiceDeps,
  opts: EenServiceOptions = {},
): EenAggregatorService {
  const { clock, network, random, source, crypto } = deps;
  const roundLength = opts.roundLengthMs ?? 30_000;
  const fanout = opts.fanout ?? 16;
  const maxQueued = opts.maxQueued ?? 4096;
  const resendEvery = Math.max(1, opts.resendUnchangedEvery ?? 4);
  const engine: EenEngine = createEenEngine(
    crypto,
    opts.maxRounds === undefined ? {} : { maxRounds: opts.maxRounds },
  );
  const keys: EenKeyCache = new Map();
  const others = new Map<string, EenCheckpoint>();
  let tail: Promise<void> = Promise.resolve();
  let queued = 0;
  let dropped = 0;
  let bytesSent = 0;
  let timer: TimerHandle | undefined;
  let stopped = false;
  let lastSent: unknown;
  let unchanged = 0;
  /** The last payload handled from each peer (a few peers): a byte-identical repeat is not decoded again. */
  const lastFrom = new Map<PeerId, Uint8Array>();

  const enqueue = (job: () => Promise<void>): void => {
    queued++;
    tail = tail.then(job).then(
      () => void queued--,
      () => void queued--,
    );
  };
  const tick = (): void => {
    if (stopped) return;
    const cp = engine.checkpoint();
    const held = engine.tick();
    const same = held === lastSent;
    unchanged = same ? unchanged + 1 : 0;
    lastSent = held;
    if (cp !== undefined && held !== undefined && (!same || unchanged % resendEvery === 0)) {
      const msg = eenAggregateMessage(eenAggregateToWire(cp.block, held, crypto));
      for (const p of sample(network.peers(), fanout, random)) {
        network.send(p, Channel.AggregatedEliteEdgeNodeVotes, msg);
        bytesSent += msg.length;
      }
    }
    timer = clock.setTimer(roundLength, tick);
  };
  const unsubscribe = network.subscribe((msg) => {
    if (stopped || !isEenChannel(msg.channel)) return;
    if (queued >= maxQueued) {
      dropped++;
      return;
    }
    const prev = lastFrom.get(msg.from);
    if (prev !== undefined && equalBytes(prev, msg.payload)) return;
    if (msg.channel === Channel.AggregatedEliteEdgeNodeVotes) {
      lastFrom.delete(msg.from);
      lastFrom.set(msg.from, msg.payload);
      while (lastFrom.size > 64) lastFrom.delete(lastFrom.keys().next().value as PeerId);
    }
    enqueue(async () => {
      try {
        const m = decodeEenMessage(msg.channel, msg.payload);
        if (m.kind === "eenVote") await engine.receiveVote(m.vote);
        else await engine.receiveAggregate(m.votes.block, eenAggregateFromWire(m.votes, crypto));
      } catch {
        // malformed messages and invalid points are dropped
      }
    });
  });
  const checkpointFor = async (block: Uint8Array, height: bigint): Promise<EenCheckpoint> => {
    const cur = engine.checkpoint();
    if (cur !== undefined && equalBytes(cur.block, block)) return cur;
    const hex = bytesToHex(block);
    let cp = others.get(hex);
    if (cp === undefined) {
      cp = await openEenCheckpoint(block, height, { source, crypto, keys });
      others.set(hex, cp);
      while (others.size > 2) others.delete(others.keys().next().value as string);
    }
    return cp;
  };
  return {
    startCheckpoint(block, height) {
      enqueue(async () => {
        const cp = await openEenCheckpoint(block, height, { source, crypto, keys });
        engine.start(cp);
        bytesSent = 0;
        lastSent = undefined;
        lastFrom.clear();
        timer?.cancel();
        if (!stopped) timer = clock.setTimer(roundLength, tick);
      });
    },
    best() {
      const cp = engine.checkpoint();
      const b = engine.best();
      return cp === undefined || b === undefined ? undefined : eenAggregateToWire(cp.block, b, crypto);
    },
    checkpoint: () => engine.checkpoint(),
    coverage() {
      const cp = engine.checkpoint();
      const b = engine.best();
      return cp === undefined
        ? undefined
        : { stake: b === undefined ? 0n : coveredStake(cp, b), total: cp.totalStake };
    },
    async validate(votes, height) {
      try {
        const cp = await checkpointFor(votes.block, height);
        const best = engine.best();
        const base = best !== undefined && engine.checkpoint() === cp ? best : undefined;
        const r = await verifyEenAggregate(cp, eenAggregateFromWire(votes, crypto), crypto, base);
        return typeof r !== "string";
      } catch {
        return false;
      }
    },
    stats: () => ({ ...engine.stats(), round: engine.round(), bytesSent, dropped }),
    whenIdle: () => tail,
    stop() {
      stopped = true;
      timer?.cancel();
      unsubscribe();
    },
  };
}
