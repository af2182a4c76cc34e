/**
 * The syncer's inventory rounds (docs/consensus.md §5.3): which peers were asked and by when they must
 * answer, and whether the current round is over, so the next one can start at once. A round is over when
 * every peer asked sent its headers, or a grace period after the first answer (a slow or silent peer does
 * not hold the next round back; its own timeout still counts against it). An InventoryResponse without
 * its headers stops the peer's timeout but the round still waits for the headers, up to the grace period.
 */
import type { Clock, PeerId, TimerHandle } from "../ports.ts";

/** How long a round waits for its other peers after the first answer, ms. */
export const INVENTORY_GRACE_MS = 250;

/** The rounds' state. */
export interface InventoryRounds {
  /** A new round asked `asked`, who must answer by `deadline`. */
  started(asked: readonly PeerId[], deadline: number): void;
  /** `peer` sent its headers. */
  headers(peer: PeerId): void;
  /** `peer` sent an InventoryResponse of more than one hash (not gossip). */
  inventory(peer: PeerId): void;
  /** `peer` is out of the sync peer set. */
  drop(peer: PeerId): void;
  /** Removes and returns the peers whose answer is late at `now`. */
  expire(now: number): PeerId[];
  over(): boolean;
  /** When the last round started. */
  lastAt(): number;
  stop(): void;
}

/** Creates the rounds; `wake` is called when the grace period of a round ends. */
export function createInventoryRounds(clock: Clock, wake: () => void): InventoryRounds {
  /** Peers asked and not answered, with their deadline. */
  const pending = new Map<PeerId, number>();
  /** Peers of the current round whose headers have not come. */
  const waiting = new Set<PeerId>();
  let firstAnswerAt: number | undefined;
  let lastAt = Number.NEGATIVE_INFINITY;
  let grace: TimerHandle | undefined;
  const firstAnswer = (): void => {
    if (firstAnswerAt !== undefined) return;
    firstAnswerAt = clock.now();
    if (waiting.size > 0) grace = clock.setTimer(INVENTORY_GRACE_MS, wake);
  };
  return {
    started(asked, deadline) {
      waiting.clear();
      grace?.cancel();
      for (const p of asked) {
        pending.set(p, deadline);
        waiting.add(p);
      }
      firstAnswerAt = undefined;
      lastAt = clock.now();
    },
    headers(peer) {
      pending.delete(peer);
      if (waiting.delete(peer)) firstAnswer();
    },
    inventory(peer) {
      if (pending.delete(peer) && waiting.has(peer)) firstAnswer();
    },
    drop(peer) {
      pending.delete(peer);
      waiting.delete(peer);
    },
    expire(now) {
      const late: PeerId[] = [];
      for (const [p, deadline] of pending) {
        if (deadline > now) continue;
        pending.delete(p);
        waiting.delete(p);
        late.push(p);
      }
      return late;
    },
    over: () =>
      waiting.size === 0 ||
      (firstAnswerAt !== undefined && clock.now() - firstAnswerAt >= INVENTORY_GRACE_MS),
    lastAt: () => lastAt,
    stop: () => grace?.cancel(),
  };
}
