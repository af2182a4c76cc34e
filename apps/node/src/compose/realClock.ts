/** The consensus `Clock` on the process's timers (milliseconds since the epoch). */
import type { Clock } from "@theta/consensus";

/** A clock on `Date.now` and `setTimeout`. */
export function createRealClock(): Clock {
  return {
    now: () => Date.now(),
    setTimer(ms, cb) {
      const t = setTimeout(cb, ms);
      return { cancel: () => clearTimeout(t) };
    },
  };
}
