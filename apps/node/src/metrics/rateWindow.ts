/** A sliding window of counted events (finalized txs) giving their rate per second. */

/** The window: `add` a count at a time, `perSecond` over the last `windowMs`. */
export interface RateWindow {
  /** Records `count` events at `atMs` and returns the rate per second over the window ending there. */
  add(atMs: number, count: number): number;
}

/** Creates a window of `windowMs` milliseconds (10 s by default). */
export function createRateWindow(windowMs = 10_000): RateWindow {
  const entries: Array<{ at: number; count: number }> = [];
  let sum = 0;
  return {
    add(atMs, count) {
      entries.push({ at: atMs, count });
      sum += count;
      while (entries.length > 0 && entries[0]!.at < atMs - windowMs) sum -= entries.shift()!.count;
      return sum / (windowMs / 1000);
    },
  };
}
