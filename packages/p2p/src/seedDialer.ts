/** Dials the seeds at start and re-dials, on an interval, every seed that is not connected. */
import type { Multiaddr } from "@multiformats/multiaddr";
import type { Host } from "./libp2pNode.ts";
import type { P2pLogger } from "./logger.ts";

/** What {@link createSeedDialer} needs. */
export interface SeedDialerOpts {
  readonly host: Host;
  readonly seeds: readonly Multiaddr[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly log: P2pLogger;
  /** True for a peer not to re-dial (one that turned out to serve another chain). */
  readonly refused: (peerId: string) => boolean;
}

/** A running seed dialer. */
export interface SeedDialer {
  /** Dials every seed now and then every `intervalMs`. */
  start(): void;
  /** Stops re-dialling; idempotent. */
  stop(): void;
  /** One round now: dials every seed that is not connected, not being dialled and not refused. */
  redial(): void;
}

/** Creates the dialer; it dials nothing until `start()`. */
export function createSeedDialer(opts: SeedDialerOpts): SeedDialer {
  const { host, seeds, log } = opts;
  const known: (ReturnType<Host["getConnections"]>[number]["remotePeer"] | undefined)[] = seeds.map(
    () => undefined,
  );
  const dialing = new Set<number>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;

  const connected = (i: number): boolean => {
    const peer = known[i];
    return peer !== undefined && host.getConnections(peer).length > 0;
  };

  const dialAll = (): void => {
    seeds.forEach((addr, i) => {
      if (!running || dialing.has(i) || connected(i)) return;
      const peer = known[i];
      if (peer !== undefined && opts.refused(peer.toString())) return;
      dialing.add(i);
      host
        .dial(addr, { signal: AbortSignal.timeout(opts.timeoutMs) })
        .then(
          (conn) => {
            known[i] = conn.remotePeer;
            log.debug({ seed: addr.toString(), peer: conn.remotePeer.toString() }, "p2p: seed connected");
          },
          (e: unknown) => {
            if (running) log.warn({ seed: addr.toString(), err: String(e) }, "p2p: seed unreachable");
          },
        )
        .finally(() => dialing.delete(i));
    });
  };

  return {
    start() {
      if (running) return;
      running = true;
      dialAll();
      if (seeds.length > 0) timer = setInterval(dialAll, opts.intervalMs);
    },
    redial: dialAll,
    stop() {
      running = false;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
