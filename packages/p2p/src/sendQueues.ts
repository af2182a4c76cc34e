/**
 * The per-peer queues of point-to-point sends: messages to one peer go out in order, at most
 * `maxMessages` and `maxBytes` queued per peer (a message is always queued when nothing is). The
 * messages queued for a peer while its previous write was under way (or within the same task) go out
 * together in one write of at most {@link MAX_COALESCED_BYTES} (a single larger message alone), so a
 * burst of small messages (a batch of blocks answering one request) costs one Noise and Yamux frame
 * instead of one each; the frames on the stream, hence what the peer reads, are the same.
 */
import type { DirectLinks } from "./directLink.ts";
import type { Host } from "./libp2pNode.ts";
import { DropReason } from "./stats.ts";

/** Bytes of queued messages one write takes at most (unless one message alone is larger). */
export const MAX_COALESCED_BYTES = 256 * 1024;

/** What a queue reports back. */
export interface SendQueueEvents {
  readonly sent: () => void;
  readonly drop: (reason: DropReason, fields: Record<string, unknown>, message: string) => void;
  /** Optional: one write of `messages` messages went out (a test's and the stats' view of coalescing). */
  readonly wrote?: (messages: number) => void;
}

/** The per-peer queues. */
export interface SendQueues {
  /** Queues `wire` for `to` (dropped and counted when the peer's queue is full). */
  enqueue(host: Host, to: string, wire: Uint8Array, fields: Record<string, unknown>): void;
  /** Totals over every peer's queue now. */
  readonly queued: { readonly messages: number; readonly bytes: number };
  /** Resolves once every queued message went out or failed; then forgets the queues. */
  drain(): Promise<void>;
}

interface Queued {
  readonly wire: Uint8Array;
  readonly fields: Record<string, unknown>;
}

interface PeerQueue {
  /** Messages not yet handed to a write. */
  readonly waiting: Queued[];
  /** Messages queued or being written, and their bytes. */
  pending: number;
  bytes: number;
  /** The flush under way, if any. */
  flushing: Promise<void> | undefined;
}

/** Creates the queues over `links`. */
export function createSendQueues(
  links: DirectLinks,
  limits: { readonly maxMessages: number; readonly maxBytes: number },
  events: SendQueueEvents,
): SendQueues {
  const queues = new Map<string, PeerQueue>();
  const queued = { messages: 0, bytes: 0 };

  const settle = (to: string, q: PeerQueue, batch: readonly Queued[]): void => {
    for (const m of batch) {
      q.pending--;
      q.bytes -= m.wire.length;
      queued.messages--;
      queued.bytes -= m.wire.length;
    }
    if (q.pending === 0 && queues.get(to) === q) queues.delete(to);
  };

  /** After the current task (what it queues meanwhile joins the write), writes what waits, a batch at a time. */
  const flush = async (host: Host, to: string, q: PeerQueue): Promise<void> => {
    await undefined;
    while (q.waiting.length > 0) {
      let n = 0;
      let size = 0;
      while (n < q.waiting.length) {
        const len = (q.waiting[n] as Queued).wire.length;
        if (n > 0 && size + len > MAX_COALESCED_BYTES) break;
        size += len;
        n++;
      }
      const batch = q.waiting.splice(0, n);
      try {
        await links.write(
          host,
          to,
          batch.map((m) => m.wire),
        );
        events.wrote?.(batch.length);
        for (const _ of batch) events.sent();
      } catch (e) {
        for (const m of batch) events.drop(DropReason.SendFailed, { to, ...m.fields, err: e }, "send failed");
      } finally {
        settle(to, q, batch);
      }
    }
    // In the same step as the last look at `waiting`: a message queued from now on starts a flush.
    q.flushing = undefined;
  };

  return {
    queued,
    enqueue(host, to, wire, fields) {
      const q = queues.get(to) ?? { waiting: [], pending: 0, bytes: 0, flushing: undefined };
      if (q.pending >= limits.maxMessages || (q.pending > 0 && q.bytes + wire.length > limits.maxBytes))
        return events.drop(
          DropReason.SendQueueFull,
          { to, ...fields, queued: q.pending, bytes: q.bytes },
          "send queue full",
        );
      queues.set(to, q);
      q.waiting.push({ wire, fields });
      q.pending++;
      q.bytes += wire.length;
      queued.messages++;
      queued.bytes += wire.length;
      if (q.flushing === undefined) q.flushing = flush(host, to, q);
    },
    async drain() {
      await Promise.allSettled([...queues.values()].map((q) => q.flushing));
      queues.clear();
    },
  };
}
