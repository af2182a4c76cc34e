/**
 * The mempool's bookkeeping, synchronous and pure: entries by hash, per-sender queues (ready txs
 * in sequence order, waiting txs keyed by sequence), byte and count totals, the eviction plan
 * and the reaping order.
 */
import { type Address, bytesToHex, type Hash, type Tx } from "@theta/core-types";
import { createMaxHeap } from "./maxHeap.ts";

/** Ready: passed screening, reapable. Waiting: its sequence is ahead of the sender's next one. */
export const PendingStatus = { Ready: "ready", Waiting: "waiting" } as const;
/** One of the pending statuses. */
export type PendingStatus = (typeof PendingStatus)[keyof typeof PendingStatus];

/** A pending tx. */
export interface PoolEntry {
  readonly raw: Uint8Array;
  readonly txHash: Hash;
  readonly key: string;
  readonly tx: Tx;
  readonly sender: Address;
  readonly senderKey: string;
  readonly sequence: bigint;
  readonly price: bigint;
  /** Arrival counter (a lower number arrived earlier). */
  readonly arrival: number;
  /** The block counter when it was first admitted (for the age limit). */
  readonly admittedAt: number;
  status: PendingStatus;
}

interface SenderQueue {
  /** Consecutive sequences, ascending. */
  ready: PoolEntry[];
  waiting: Map<bigint, PoolEntry>;
}

/** Entry `a` is reaped before `b`: higher price, then earlier arrival. */
export function reapsBefore(a: PoolEntry, b: PoolEntry): boolean {
  return a.price !== b.price ? a.price > b.price : a.arrival < b.arrival;
}

/** The pool's state and its synchronous operations. */
export class TxPool {
  readonly byKey = new Map<string, PoolEntry>();
  readonly #senders = new Map<string, SenderQueue>();
  #bytes = 0;

  get bytes(): number {
    return this.#bytes;
  }

  get count(): number {
    return this.byKey.size;
  }

  #queue(senderKey: string): SenderQueue {
    let q = this.#senders.get(senderKey);
    if (q === undefined) {
      q = { ready: [], waiting: new Map() };
      this.#senders.set(senderKey, q);
    }
    return q;
  }

  /** The last ready entry of a sender, if any. */
  lastReady(senderKey: string): PoolEntry | undefined {
    return this.#senders.get(senderKey)?.ready.at(-1);
  }

  /** The waiting entry of `senderKey` at `sequence`, if any. */
  waitingAt(senderKey: string, sequence: bigint): PoolEntry | undefined {
    return this.#senders.get(senderKey)?.waiting.get(sequence);
  }

  /** How many txs of `senderKey` wait for a gap. */
  waitingCount(senderKey: string): number {
    return this.#senders.get(senderKey)?.waiting.size ?? 0;
  }

  /** Adds an entry with its status. */
  add(e: PoolEntry): void {
    this.byKey.set(e.key, e);
    this.#bytes += e.raw.length;
    const q = this.#queue(e.senderKey);
    if (e.status === PendingStatus.Ready) q.ready.push(e);
    else q.waiting.set(e.sequence, e);
  }

  /** Moves a waiting entry to the end of its sender's ready list. */
  promote(e: PoolEntry): void {
    const q = this.#queue(e.senderKey);
    q.waiting.delete(e.sequence);
    e.status = PendingStatus.Ready;
    q.ready.push(e);
  }

  /** Removes an entry wherever it is. */
  remove(e: PoolEntry): void {
    if (!this.byKey.delete(e.key)) return;
    this.#bytes -= e.raw.length;
    const q = this.#senders.get(e.senderKey);
    if (q === undefined) return;
    if (q.waiting.get(e.sequence) === e) q.waiting.delete(e.sequence);
    q.ready = q.ready.filter((x) => x !== e);
    if (q.ready.length === 0 && q.waiting.size === 0) this.#senders.delete(e.senderKey);
  }

  /** Empties the queues and returns every entry in arrival order (for the re-check). */
  drain(): PoolEntry[] {
    const all = [...this.byKey.values()].sort((a, b) => a.arrival - b.arrival);
    this.byKey.clear();
    this.#senders.clear();
    this.#bytes = 0;
    return all;
  }

  /**
   * The entries to evict so that one more tx of `bytes` bytes and price `price` fits: sender tails
   * only (so no gap opens), lowest price first, later arrival first on ties, never of `exempt`,
   * each strictly cheaper than `price`. Undefined when it cannot be made to fit.
   */
  planEviction(
    limits: { maxTxs: number; maxBytes: number },
    bytes: number,
    price: bigint,
    exempt: string,
  ): PoolEntry[] | undefined {
    let count = this.count + 1;
    let total = this.#bytes + bytes;
    if (count <= limits.maxTxs && total <= limits.maxBytes) return [];
    const stacks = new Map<string, PoolEntry[]>();
    for (const [k, q] of this.#senders) {
      if (k === exempt) continue;
      const waiting = [...q.waiting.values()].sort((a, b) => (a.sequence < b.sequence ? -1 : 1));
      stacks.set(k, [...q.ready, ...waiting]);
    }
    const victims: PoolEntry[] = [];
    while (count > limits.maxTxs || total > limits.maxBytes) {
      let worst: PoolEntry | undefined;
      for (const s of stacks.values()) {
        const tail = s.at(-1);
        if (tail !== undefined && (worst === undefined || reapsBefore(worst, tail))) worst = tail;
      }
      if (worst === undefined || worst.price >= price) return undefined;
      stacks.get(worst.senderKey)?.pop();
      victims.push(worst);
      count--;
      total -= worst.raw.length;
    }
    return victims;
  }

  /** Up to `max` ready txs: senders by the price of their next tx (max-heap), each in sequence order. */
  reap(max: number): PoolEntry[] {
    const heap = createMaxHeap<{ q: PoolEntry[]; i: number }>((a, b) => reapsBefore(a.q[a.i]!, b.q[b.i]!));
    for (const q of this.#senders.values()) if (q.ready.length > 0) heap.push({ q: q.ready, i: 0 });
    const out: PoolEntry[] = [];
    while (out.length < max) {
      const g = heap.pop();
      if (g === undefined) break;
      out.push(g.q[g.i]!);
      if (g.i + 1 < g.q.length) heap.push({ q: g.q, i: g.i + 1 });
    }
    return out;
  }
}

/** The map key of a hash or address. */
export function keyOf(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}
