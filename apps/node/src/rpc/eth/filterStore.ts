/**
 * Installed filters (`eth_newFilter`, `eth_newBlockFilter`, `eth_newPendingTransactionFilter`):
 * each remembers the last finalized height it reported; a pending-tx filter queues admitted
 * hashes (bounded, oldest dropped). A filter not polled for `ttlMs` is removed, as geth does; the
 * store holds at most `maxFilters`.
 */
import type { Hash } from "@theta/core-types";
import type { LogQuery } from "./logQuery.ts";

/** One installed filter. */
export type InstalledFilter =
  | { readonly kind: "block"; lastHeight: bigint; lastPoll: number }
  | { readonly kind: "logs"; readonly query: LogQuery; lastHeight: bigint; lastPoll: number }
  | { readonly kind: "pending"; readonly queue: Hash[]; lastPoll: number };

/** Limits of the store. */
export interface FilterLimits {
  /** Unpolled filters expire after this long (default 5 minutes). */
  readonly ttlMs: number;
  /** Most filters at once (default 1,000). */
  readonly maxFilters: number;
  /** Most hashes a pending-tx filter keeps between polls (default 10,000). */
  readonly maxQueued: number;
}

/** The defaults of {@link FilterLimits}. */
export const DEFAULT_FILTER_LIMITS: FilterLimits = {
  ttlMs: 5 * 60_000,
  maxFilters: 1_000,
  maxQueued: 10_000,
};

/** Admitted txs between two sweeps of expired filters. */
const SWEEP_EVERY = 256;

/** The filter table. */
export interface FilterStore {
  /** Adds a filter; undefined when the table is full. */
  install(filter: InstalledFilter): string | undefined;
  /** The filter with `id`, marked as polled; undefined when unknown or expired. */
  poll(id: string): InstalledFilter | undefined;
  uninstall(id: string): boolean;
  /** Queues an admitted tx's hash on every pending-tx filter. */
  pushPending(hash: Hash): void;
  /** Drops the expired filters. */
  sweep(): void;
  readonly size: number;
}

/** Creates the table; `now` is milliseconds, `newId` a fresh random id (`0x` + hex). */
export function createFilterStore(
  now: () => number,
  newId: () => string,
  limits: FilterLimits = DEFAULT_FILTER_LIMITS,
): FilterStore {
  const filters = new Map<string, InstalledFilter>();
  let pushes = 0;
  const expired = (f: InstalledFilter, t: number): boolean => t - f.lastPoll > limits.ttlMs;
  const sweep = (): void => {
    const t = now();
    for (const [id, f] of filters) if (expired(f, t)) filters.delete(id);
  };
  return {
    install(filter) {
      if (filters.size >= limits.maxFilters) sweep();
      if (filters.size >= limits.maxFilters) return undefined;
      const id = newId();
      filter.lastPoll = now();
      filters.set(id, filter);
      return id;
    },
    poll(id) {
      const f = filters.get(id);
      if (f === undefined) return undefined;
      const t = now();
      if (expired(f, t)) {
        filters.delete(id);
        return undefined;
      }
      f.lastPoll = t;
      return f;
    },
    uninstall: (id) => filters.delete(id),
    pushPending(hash) {
      // Expired filters stop collecting: swept every SWEEP_EVERY admitted txs.
      if (++pushes % SWEEP_EVERY === 0) sweep();
      for (const f of filters.values()) {
        if (f.kind !== "pending") continue;
        f.queue.push(hash);
        if (f.queue.length > limits.maxQueued) f.queue.splice(0, f.queue.length - limits.maxQueued);
      }
    },
    sweep,
    get size() {
      return filters.size;
    },
  };
}
