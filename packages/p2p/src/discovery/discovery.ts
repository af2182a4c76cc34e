/**
 * Peer discovery: while it has fewer than `minPeers` connected peers, a node asks its peers for
 * theirs (a new peer at once, then a few peers every interval) and dials peers it does not know, no
 * more than it lacks, each with a bounded number of attempts and exponential backoff. Rounds that
 * learn nothing new double the wait before the next questions. A peer whose
 * answer breaks the protocol's limits is disconnected and neither asked nor dialled for a while.
 */
import { peerIdFromString } from "@libp2p/peer-id";
import type { Multiaddr } from "@multiformats/multiaddr";
import { ThetaError } from "@theta/core-types";
import { P2pErrorCode } from "../errors.ts";
import type { Host } from "../libp2pNode.ts";
import type { P2pLogger } from "../logger.ts";
import type { P2pNetworkOpts } from "../networkApi.ts";
import type { PeerBook } from "../peerBook.ts";
import { answerFor, readAnswer, writeAnswer } from "./exchange.ts";
import { peersProtocol } from "./peerList.ts";

/** Peers asked in one periodic round. */
const ASK_PER_ROUND = 4;
/** Dial attempts to one learned peer before it is forgotten. */
const MAX_DIAL_ATTEMPTS = 4;
/** Learned peers kept for dialling. */
const MAX_CANDIDATES = 256;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 300_000;
/** Idle rounds double the wait between questions up to 2^6 intervals (32 min at the default 30 s). */
const MAX_QUIET_STREAK = 6;

/** What {@link createDiscovery} needs. */
export interface DiscoveryOpts {
  readonly host: Host;
  readonly protocol: string;
  readonly book: PeerBook;
  /** Connected peers below which the node looks for more (0: it only answers). */
  readonly minPeers: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** How long a peer that answered garbage is left alone. */
  readonly penaltyMs: number;
  readonly log: P2pLogger;
  /** True for a peer the node penalised (not asked, not learned, not dialled); none when absent. */
  readonly denied?: (id: string) => boolean;
}

/** Counters of the discovery (for logs, metrics and tests). */
export interface DiscoveryStats {
  /** Periodic rounds run. */
  readonly rounds: number;
  /** Peers asked for their peers. */
  readonly asked: number;
  /** Well-formed answers received. */
  readonly answers: number;
  /** Answers refused (malformed, oversized, too many entries); each one disconnected its peer. */
  readonly badAnswers: number;
  /** Questions that failed (stream, timeout). */
  readonly askFailures: number;
  /** Peers learned that were not known before. */
  readonly learned: number;
  /** Dials of learned peers, and how many failed. */
  readonly dials: number;
  readonly dialFailures: number;
  /** Answers given to peers that asked. */
  readonly answered: number;
  /** Bytes of answers received and sent. */
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/** A running discovery. */
export interface Discovery {
  /** Serves the protocol and starts the rounds. */
  start(): Promise<void>;
  stop(): void;
  /** A peer of this chain was verified: asked at once when peers are lacking. */
  peerVerified(id: string): void;
  stats(): DiscoveryStats;
  /** True while `id` is penalised for a bad answer or denied (the seed dialer leaves it alone too). */
  penalised(id: string): boolean;
}

interface Candidate {
  readonly addr: Multiaddr;
  fails: number;
  nextAt: number;
}

type Counters = { -readonly [K in keyof DiscoveryStats]: number };

/** The discovery's settings from the network's options; throws `P2P_BAD_MIN_PEERS` on a bad `minPeers`. */
export function discoverySettings(
  opts: P2pNetworkOpts,
  timeoutMs: number,
): Pick<DiscoveryOpts, "protocol" | "minPeers" | "intervalMs" | "penaltyMs" | "timeoutMs"> {
  const minPeers = opts.minPeers ?? 8;
  if (!Number.isSafeInteger(minPeers) || minPeers < 0)
    throw new ThetaError(P2pErrorCode.BadMinPeers, `minPeers: ${minPeers} is not an integer ≥ 0`, {
      details: { field: "minPeers", minPeers },
    });
  const intervalMs = opts.discoveryIntervalMs ?? 30_000;
  const penaltyMs = opts.discoveryPenaltyMs ?? 600_000;
  return { protocol: peersProtocol(opts.chainId), minPeers, intervalMs, penaltyMs, timeoutMs };
}

/** Creates the discovery; nothing happens until `start()`. */
export function createDiscovery(opts: DiscoveryOpts): Discovery {
  const { host, log } = opts;
  const self = host.peerId.toString();
  const c: Counters = {
    rounds: 0,
    asked: 0,
    answers: 0,
    badAnswers: 0,
    askFailures: 0,
    learned: 0,
    dials: 0,
    dialFailures: 0,
    answered: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  const candidates = new Map<string, Candidate>();
  const penalised = new Map<string, number>();
  const asking = new Set<string>();
  const dialing = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;

  const connectedPeers = (): Set<string> =>
    new Set(host.getConnections().map((conn) => conn.remotePeer.toString()));
  const lacking = (): number => opts.minPeers - connectedPeers().size - dialing.size;
  const isPenalised = (id: string): boolean =>
    (penalised.get(id) ?? 0) > Date.now() || opts.denied?.(id) === true;

  const penalise = (id: string, message: string): void => {
    c.badAnswers++;
    penalised.set(id, Date.now() + opts.penaltyMs);
    candidates.delete(id);
    log.warn({ peer: id, reason: message }, "p2p: bad peer-exchange answer; disconnecting");
    host.hangUp(peerIdFromString(id)).catch(() => {});
  };

  const dial = (id: string, cand: Candidate): void => {
    dialing.add(id);
    c.dials++;
    host
      .dial(cand.addr, { signal: AbortSignal.timeout(opts.timeoutMs) })
      .then(
        () => void candidates.delete(id),
        (e: unknown) => {
          c.dialFailures++;
          cand.fails++;
          cand.nextAt = Date.now() + Math.min(BACKOFF_BASE_MS * 2 ** (cand.fails - 1), BACKOFF_MAX_MS);
          if (cand.fails >= MAX_DIAL_ATTEMPTS) candidates.delete(id);
          log.debug(
            { peer: id, addr: cand.addr.toString(), err: String(e) },
            "p2p: discovered peer unreachable",
          );
        },
      )
      .finally(() => dialing.delete(id));
  };

  /** Dials learned peers, no more than are lacking. */
  const dialSome = (): void => {
    if (!running) return;
    let need = lacking();
    const connected = connectedPeers();
    const now = Date.now();
    for (const [id, cand] of candidates) {
      if (need <= 0) return;
      if (connected.has(id)) {
        candidates.delete(id);
        continue;
      }
      if (dialing.has(id) || isPenalised(id) || cand.nextAt > now) continue;
      need--;
      dial(id, cand);
    }
  };

  const ask = async (id: string): Promise<void> => {
    if (!running || asking.has(id) || isPenalised(id)) return;
    asking.add(id);
    c.asked++;
    try {
      const stream = await host.dialProtocol(peerIdFromString(id), opts.protocol, {
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      const r = await readAnswer(stream, opts.timeoutMs);
      c.bytesIn += r.bytes;
      if (r.kind === "refused") return penalise(id, `${r.code}: ${r.message}`);
      if (r.kind === "failed") {
        c.askFailures++;
        return;
      }
      c.answers++;
      const connected = connectedPeers();
      for (const p of r.peers) {
        if (p.peerId === self || connected.has(p.peerId) || candidates.has(p.peerId)) continue;
        if (isPenalised(p.peerId) || candidates.size >= MAX_CANDIDATES) continue;
        candidates.set(p.peerId, { addr: p.addr, fails: 0, nextAt: 0 });
        c.learned++;
      }
    } catch (e) {
      c.askFailures++;
      log.debug({ peer: id, err: String(e) }, "p2p: peer exchange failed");
    } finally {
      asking.delete(id);
    }
    dialSome();
  };

  /** Rounds that learned nothing in a row (capped), and rounds left to skip because of them. */
  const quiet = { streak: 0, skip: 0, learned: 0, connected: 0 };
  const round = (): void => {
    c.rounds++;
    const connected = connectedPeers().size;
    if (lacking() <= 0) {
      quiet.streak = 0;
      quiet.skip = 0;
      return;
    }
    // Nothing new learned and no peer lost since the last questions: wait twice as long each time.
    const idle = c.learned === quiet.learned && connected >= quiet.connected;
    quiet.connected = connected;
    if (!idle) {
      quiet.streak = 0;
      quiet.skip = 0;
    }
    if (quiet.skip > 0) return void quiet.skip--;
    if (idle) quiet.streak = Math.min(quiet.streak + 1, MAX_QUIET_STREAK);
    quiet.skip = 2 ** quiet.streak - 1;
    quiet.learned = c.learned;
    const ids = opts.book.ids().filter((id) => !isPenalised(id));
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    for (const id of ids.slice(0, ASK_PER_ROUND)) void ask(id);
    dialSome();
  };

  return {
    async start() {
      if (running) return;
      running = true;
      await host.handle(
        opts.protocol,
        async (stream, connection) => {
          const asker = connection.remotePeer.toString();
          c.answered++;
          c.bytesOut += await writeAnswer(stream, answerFor(asker, opts.book.entries()), opts.timeoutMs);
        },
        { maxInboundStreams: 1 },
      );
      timer = setInterval(round, opts.intervalMs);
    },
    stop() {
      running = false;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      candidates.clear();
    },
    peerVerified(id) {
      if (running && lacking() > 0) void ask(id);
    },
    stats: () => ({ ...c }),
    penalised: isPenalised,
  };
}
