/**
 * A string-keyed map with nested checkpoints: every write records what it replaced, a revert
 * restores the entries written since the matching checkpoint, a commit folds them into the level
 * below. Entries loaded from the backing state are not journaled (they never change within a run).
 */
import { ThetaError } from "@theta/core-types";
import { EvmAdapterErrorCode } from "./errors.ts";

/** A cached value and whether the run wrote it (only written entries are flushed). */
export interface JournaledEntry<V> {
  readonly value: V;
  readonly written: boolean;
}

/** See the module comment. Values must be treated as immutable by callers. */
export class JournaledMap<V> {
  readonly #entries = new Map<string, JournaledEntry<V>>();
  readonly #undo: [string, JournaledEntry<V> | undefined][] = [];
  readonly #marks: number[] = [];

  /** The cached entry for `key`, or undefined when it was never loaded nor written. */
  get(key: string): JournaledEntry<V> | undefined {
    return this.#entries.get(key);
  }

  /** Caches a value read from the backing state (not journaled, not flushed). */
  load(key: string, value: V): void {
    this.#entries.set(key, { value, written: false });
  }

  /** Writes `value` (journaled; flushed at the end of a successful run). */
  set(key: string, value: V): void {
    if (this.#marks.length > 0) this.#undo.push([key, this.#entries.get(key)]);
    this.#entries.set(key, { value, written: true });
  }

  /** Opens a nested checkpoint. */
  checkpoint(): void {
    this.#marks.push(this.#undo.length);
  }

  /** Keeps the writes since the latest checkpoint. */
  commit(): void {
    this.#pop("commit");
    if (this.#marks.length === 0) this.#undo.length = 0;
  }

  /** Undoes the writes since the latest checkpoint. */
  revert(): void {
    const mark = this.#pop("revert");
    while (this.#undo.length > mark) {
      const [key, previous] = this.#undo.pop() as [string, JournaledEntry<V> | undefined];
      if (previous === undefined) this.#entries.delete(key);
      else this.#entries.set(key, previous);
    }
  }

  /** Every written entry, in first-write order. */
  *written(): IterableIterator<[string, V]> {
    for (const [key, entry] of this.#entries) if (entry.written) yield [key, entry.value];
  }

  #pop(what: string): number {
    const mark = this.#marks.pop();
    if (mark === undefined) {
      throw new ThetaError(
        EvmAdapterErrorCode.NoCheckpoint,
        `${what}: expected an open checkpoint, found none`,
      );
    }
    return mark;
  }
}

/** Nested checkpoints over several journals at once (one EVM call frame spans them all). */
export interface Journal {
  /** Opens a nested checkpoint on every journal. */
  checkpoint(): void;
  /** Keeps the writes since the latest checkpoint on every journal. */
  commit(): void;
  /** Undoes the writes since the latest checkpoint on every journal. */
  revert(): void;
}

/** One `Journal` driving every map of `maps` in step. */
export function journalOf(maps: readonly Journal[]): Journal {
  return {
    checkpoint: () => {
      for (const m of maps) m.checkpoint();
    },
    commit: () => {
      for (const m of maps) m.commit();
    },
    revert: () => {
      for (const m of maps) m.revert();
    },
  };
}
