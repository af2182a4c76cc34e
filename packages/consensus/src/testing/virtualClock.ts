/**
 * A virtual clock with an event queue: timers fire in (time, insertion) order when the harness
 * advances time, so a simulation never waits on wall time and is fully reproducible.
 */
import type { Clock, TimerHandle } from "../ports.ts";

interface Scheduled {
  readonly at: number;
  readonly seq: number;
  readonly cb: () => void;
  cancelled: boolean;
}

/** A {@link Clock} driven by the harness. */
export interface VirtualClock extends Clock {
  /** Runs the earliest pending event; returns false if none is pending. */
  step(): boolean;
  /** Runs every event due at or before `time`, then sets the clock to `time`. */
  advanceTo(time: number): void;
  /** Runs events until the queue is empty or `maxEvents` have run; returns how many ran. */
  runUntilIdle(maxEvents: number): number;
  /** Number of pending (not cancelled) events. */
  pending(): number;
  /** Time of the earliest pending event, or undefined when none is pending. */
  nextAt(): number | undefined;
}

/** Creates a virtual clock starting at `start` milliseconds. */
export function createVirtualClock(start = 0): VirtualClock {
  let now = start;
  let seq = 0;
  const heap: Scheduled[] = [];
  const less = (a: Scheduled, b: Scheduled): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const push = (e: Scheduled): void => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i] as Scheduled, heap[p] as Scheduled)) break;
      [heap[i], heap[p]] = [heap[p] as Scheduled, heap[i] as Scheduled];
      i = p;
    }
  };
  const pop = (): Scheduled | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l] as Scheduled, heap[m] as Scheduled)) m = l;
        if (r < heap.length && less(heap[r] as Scheduled, heap[m] as Scheduled)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Scheduled, heap[i] as Scheduled];
        i = m;
      }
    }
    return top;
  };
  const step = (): boolean => {
    for (;;) {
      const e = pop();
      if (e === undefined) return false;
      if (e.cancelled) continue;
      now = Math.max(now, e.at);
      e.cb();
      return true;
    }
  };
  return {
    now: () => now,
    setTimer(ms: number, cb: () => void): TimerHandle {
      const e: Scheduled = { at: now + Math.max(0, ms), seq: seq++, cb, cancelled: false };
      push(e);
      return {
        cancel: () => {
          e.cancelled = true;
        },
      };
    },
    step,
    advanceTo(time: number): void {
      while (heap.length > 0 && (heap[0] as Scheduled).at <= time) step();
      now = Math.max(now, time);
    },
    runUntilIdle(maxEvents: number): number {
      let ran = 0;
      while (ran < maxEvents && step()) ran++;
      return ran;
    },
    pending: () => heap.filter((e) => !e.cancelled).length,
    nextAt(): number | undefined {
      while (heap.length > 0 && (heap[0] as Scheduled).cancelled) pop();
      return heap[0]?.at;
    },
  };
}
