/**
 * A deterministic simulation of one EEN checkpoint (docs/consensus.md §3.6): aggregator nodes (validators
 * and guardians) run the EEN aggregator service, edge nodes run the voter, on a virtual clock and a lossy
 * network. Misbehaviour by construction: edge nodes that sign the wrong message, vote for another block,
 * vote without stake or without being sampled, and repeat their votes. The run reports the rounds until
 * every aggregator holds the same, complete aggregate, bytes per node and each aggregator's best aggregate.
 */
import {
  type AggregatedEenVotes,
  bytesToHex,
  compareBytes,
  type EenVote,
  eenVoteSignBytes,
} from "@theta/core-types";
import type { EenCrypto, EenNodeRecord, EenStakeSource } from "../een/ports.ts";
import { createEenAggregatorService, type EenAggregatorService } from "../een/service.ts";
import { createEenVoter } from "../een/voter.ts";
import { eenVoteMessage } from "../een/wire.ts";
import { Channel, type PeerId } from "../ports.ts";
import { createSeededRandom } from "../random.ts";
import { createEenSimNetwork } from "./eenNetwork.ts";
import { createFakeEenCrypto, createFakeEenSigner, fakeEenPublicKey, fakeEenSign } from "./fakeEenCrypto.ts";
import { createVirtualClock } from "./virtualClock.ts";

const E18 = 10n ** 18n;

/** Parameters of a run. */
export interface EenSimOptions {
  readonly seed: bigint;
  /** Validator and guardian nodes (each runs the aggregator). */
  readonly aggregators: number;
  /** Staked edge nodes that vote. */
  readonly eens: number;
  /** Aggregators each edge node is connected to (default 3). */
  readonly eenPeers?: number;
  readonly lossRate: number;
  /** Edge nodes (among `eens`) whose signature is over the wrong message (default 0). */
  readonly badSignatures?: number;
  /** Edge nodes (among `eens`) that vote for another block (default 0). */
  readonly wrongCheckpoint?: number;
  /** Edge nodes (among `eens`) with weight 0 for this checkpoint (default 0). */
  readonly unsampled?: number;
  /** Extra voters without any stake (default 0). */
  readonly unstaked?: number;
  /** Times each edge node repeats its vote after the first (default 2). */
  readonly resends?: number;
  /** Peers an aggregate goes to per round (default 8). */
  readonly fanout?: number;
  /** Rounds simulated (default 20). */
  readonly rounds?: number;
  readonly roundLengthMs?: number;
  /** The crypto port (default: the fake linear scheme). */
  readonly crypto?: EenCrypto;
}

/** What a run produced. */
export interface EenSimResult {
  /** First round after which every aggregator held the final union of accepted votes (undefined: never). */
  readonly roundsToConverge: number | undefined;
  /** Edge nodes in that union. */
  readonly signers: number;
  /** Edge nodes whose vote is valid (staked, sampled, right block and signature). */
  readonly honestSampled: number;
  /** Each aggregator's best aggregate at the end (wire form). */
  readonly best: readonly (AggregatedEenVotes | undefined)[];
  /** Each aggregator's covered stake and the total EEN stake. */
  readonly coverage: readonly { readonly stake: bigint; readonly total: bigint }[];
  readonly totalStake: bigint;
  /** Mean bytes sent per aggregator over the run (channel 13) and per edge node (channel 12). */
  readonly bytesPerAggregator: number;
  readonly bytesPerEen: number;
  /** Votes rejected by all aggregators, and aggregates rejected. */
  readonly votesRejected: number;
  readonly aggregatesRejected: number;
  readonly delivered: number;
  readonly dropped: number;
}

/** Runs one checkpoint's EEN aggregation. */
export async function runEenSimulation(o: EenSimOptions): Promise<EenSimResult> {
  const rng = createSeededRandom(o.seed);
  const clock = createVirtualClock();
  const net = createEenSimNetwork(clock, createSeededRandom(o.seed ^ 0x5eedn), {
    minDelayMs: 10,
    maxDelayMs: 400,
    lossRate: o.lossRate,
  });
  const crypto = o.crypto ?? createFakeEenCrypto();
  const roundLength = o.roundLengthMs ?? 30_000;
  const rounds = o.rounds ?? 20;
  const block = Uint8Array.from({ length: 32 }, () => rng.nextInt(256));
  const other = Uint8Array.from({ length: 32 }, () => rng.nextInt(256));
  const addr = (): Uint8Array => Uint8Array.from({ length: 20 }, () => rng.nextInt(256));

  const records = new Map<string, EenNodeRecord>();
  let totalStake = 0n;
  const edge = Array.from({ length: o.eens }, (_, i) => {
    const a = addr();
    const sk = rng.nextBelow(1n << 100n) + 1n;
    const stake = BigInt(1 + rng.nextInt(50)) * 10_000n * E18;
    totalStake += stake;
    const kind =
      i < (o.badSignatures ?? 0)
        ? "badSig"
        : i < (o.badSignatures ?? 0) + (o.wrongCheckpoint ?? 0)
          ? "wrongBlock"
          : i < (o.badSignatures ?? 0) + (o.wrongCheckpoint ?? 0) + (o.unsampled ?? 0)
            ? "unsampled"
            : "honest";
    records.set(bytesToHex(a), {
      stake,
      blsPubkey: fakeEenPublicKey(sk),
      weight: kind === "unsampled" ? 0 : 1,
    });
    return { id: `e${i}`, address: a, sk, kind };
  });
  for (let i = 0; i < (o.unstaked ?? 0); i++)
    edge.push({ id: `u${i}`, address: addr(), sk: 7n + BigInt(i), kind: "unstaked" });
  const source: EenStakeSource = {
    eliteEdgeNode: async (_b, a) => records.get(bytesToHex(a)),
    totalStake: async () => totalStake,
  };

  const aggIds: PeerId[] = Array.from({ length: o.aggregators }, (_, i) => `a${i}`);
  const services: EenAggregatorService[] = aggIds.map((id, i) =>
    createEenAggregatorService(
      {
        clock,
        network: net.port(
          id,
          aggIds.filter((p) => p !== id),
        ),
        random: createSeededRandom(o.seed + BigInt(i) + 1n),
        source,
        crypto,
      },
      { roundLengthMs: roundLength, fanout: o.fanout ?? 8 },
    ),
  );
  for (const s of services) s.startCheckpoint(block, 101n);
  const idle = () => Promise.all(services.map((s) => s.whenIdle()));
  await idle();

  const peersOf = (): PeerId[] => {
    const k = Math.min(o.eenPeers ?? 3, aggIds.length);
    const chosen = new Set<PeerId>();
    while (chosen.size < k) chosen.add(aggIds[rng.nextInt(aggIds.length)] as PeerId);
    return [...chosen];
  };
  for (const e of edge) {
    const network = net.port(e.id, peersOf());
    if (e.kind === "badSig" || e.kind === "wrongBlock") {
      const vote: EenVote = {
        block: e.kind === "wrongBlock" ? other : block,
        height: 101n,
        address: e.address,
        signature: fakeEenSign(e.sk, eenVoteSignBytes(other)),
        timestamp: 0n,
      };
      network.broadcast(Channel.EliteEdgeNodeVote, eenVoteMessage(vote));
    } else {
      const voter = createEenVoter(
        { clock, network, signer: createFakeEenSigner(e.address, e.sk) },
        { resendMs: roundLength, resends: o.resends ?? 2 },
      );
      voter.checkpointFinalized(block, 101n);
    }
  }

  const sets: string[][] = [];
  for (let r = 1; r <= rounds; r++) {
    const end = r * roundLength + 1_000;
    for (let t = clock.nextAt(); t !== undefined && t <= end; t = clock.nextAt()) {
      while (clock.nextAt() === t) clock.step();
      await idle();
    }
    sets.push(services.map((s) => (s.best()?.addresses ?? []).map(bytesToHex).join(",")));
  }
  const union = new Set<string>();
  for (const s of services) for (const a of s.best()?.addresses ?? []) union.add(bytesToHex(a));
  const full = [...union].sort().join(",");
  let converged: number | undefined;
  for (let r = sets.length; r >= 1; r--) {
    if ((sets[r - 1] as string[]).every((s) => s === full)) converged = r;
    else break;
  }
  const stats = services.map((s) => s.stats());
  const eenBytes = edge.reduce((a, e) => a + net.bytesSent(e.id), 0);
  for (const s of services) s.stop();
  const best = services.map((s) => s.best());
  for (const b of best)
    if (b !== undefined)
      b.addresses.every((a, i) => i === 0 || compareBytes(b.addresses[i - 1] as Uint8Array, a) < 0);
  return {
    roundsToConverge: union.size === 0 ? undefined : converged,
    signers: union.size,
    honestSampled: edge.filter((e) => e.kind === "honest").length,
    best,
    coverage: services.map((s) => s.coverage() ?? { stake: 0n, total: totalStake }),
    totalStake,
    bytesPerAggregator: aggIds.reduce((a, id) => a + net.bytesSent(id), 0) / aggIds.length,
    bytesPerEen: eenBytes / Math.max(1, edge.length),
    votesRejected: stats.reduce((a, s) => a + s.votesRejected, 0),
    aggregatesRejected: stats.reduce((a, s) => a + s.aggregatesRejected, 0),
    ...net.stats(),
  };
}
