/**
 * The per-peer queues of point-to-point sends: messages to one peer go out in order, at most
 * `maxMessages` and `maxBytes` queued per peer (a message is always queued when nothing is).
 */
import type { DirectLinks } from "./directLink.ts";
import type { Host } from "./libp2pNode.ts";
import { DropReason } from "./stats.ts";

/** What a queue reports back. */
export interface SendQueueEvents {
  readonly sent: () => void;
  readonly drop: (reason: DropReason, fields: Record<string, unknown>, message: string) => void;
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

/** Creates the queues over `links`. */
export function createSendQueues(
  links: DirectLinks,
  limits: { readonly maxMessages: number; readonly maxBytes: number },
  events: SendQueueEvents,
): SendQueues {
  const queues = new Map<string, { pending: number; bytes: number; tail: Promise<void> }>();
  const queued = { messages: 0, bytes: 0 };
  return {
    queued,
    enqueue(host, to, wire, fields) {
      const q = queues.get(to) ?? { pending: 0, bytes: 0, tail: Promise.resolve() };
      if (q.pending >= limits.maxMessages || (q.pending > 0 && q.bytes + wire.length > limits.maxBytes))
        return events.drop(
          DropReason.SendQueueFull,
          { to, ...fields, queued: q.pending, bytes: q.bytes },
          "send queue full",
        );
      queues.set(to, q);
      q.pending++;
      q.bytes += wire.length;
      queued.messages++;
      queued.bytes += wire.length;
      q.tail = q.tail
        .then(() => links.write(host, to, wire))
        .then(events.sent)
        .catch((e: unknown) => events.drop(DropReason.SendFailed, { to, ...fields, err: e }, "send failed"))
        .finally(() => {
          q.pending--;
          q.bytes -= wire.length;
          queued.messages--;
          queued.bytes -= wire.length;
          if (q.pending === 0 && queues.get(to) === q) queues.delete(to);
        });
    },
    async drain() {
      await Promise.allSettled([...queues.values()].map((q) => q.tail));
      queues.clear();
    },
  };
}
