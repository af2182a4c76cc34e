/**
 * Fault injection for crash-safety tests: a `KvStore` wrapper that fails chosen writes, or "kills"
 * the store at a chosen write, and a driver that replays a scenario with a kill at every write index.
 *
 * Writes are counted per call: one `put`, one `del` or one non-empty `batch` is one write, and a
 * batch is all or nothing, as LevelDB's are (an empty batch writes nothing and is not counted).
 * A write that fails or is killed leaves the underlying store untouched. After the kill point the
 * store behaves as a dead process: every further call, read or write, throws `KV_FAULT_KILLED`, and
 * `close()` does not close the underlying store, so a test "restarts" by opening its stores again on
 * the same underlying store.
 */
import { ThetaError } from "@theta/core-types";
import { getMany, type KvBatchOp, type KvRange, type KvStore } from "../kvStore.ts";
import { createMemoryKvStore } from "../memoryKvStore.ts";

/** Stable codes of the injected faults. */
export const FaultyKvErrorCode = {
  /** The store was killed: this and every later call throws. */
  Killed: "KV_FAULT_KILLED",
  /** One write failed (not applied); later writes go through. */
  Injected: "KV_FAULT_INJECTED",
} as const;
/** One of the fault codes. */
export type FaultyKvErrorCode = (typeof FaultyKvErrorCode)[keyof typeof FaultyKvErrorCode];

/** Which writes fail, counted from 0 over the wrapper's life. */
export interface FaultPlan {
  /**
   * Writes that reach the store before it dies: writes 0 … killAfter−1 are applied, write
   * `killAfter` throws and kills the store (0 kills at the first write). Unset: never killed.
   */
  readonly killAfter?: number;
  /** Indexes of writes that throw `KV_FAULT_INJECTED` without being applied (a transient I/O error). */
  readonly failAt?: Iterable<number>;
}

/** The wrapper: a `KvStore` plus its write counters and a kill switch. */
export interface FaultyKvStore extends KvStore {
  /** Writes attempted so far (applied, failed and the killing one). */
  attempts(): number;
  /** Writes applied to the underlying store so far. */
  applied(): number;
  /** Whether the store has been killed. */
  killed(): boolean;
  /** Kills the store now (every later call throws). */
  kill(): void;
  /** The store it wraps. */
  readonly inner: KvStore;
}

/** Wraps `inner` with the faults of `plan`. */
export function createFaultyKvStore(inner: KvStore, plan: FaultPlan = {}): FaultyKvStore {
  const failAt = new Set(plan.failAt ?? []);
  let attempts = 0;
  let applied = 0;
  let dead = false;
  const died = () =>
    new ThetaError(
      FaultyKvErrorCode.Killed,
      `faulty KvStore: killed after ${applied} applied writes, expected no further use`,
    );
  const alive = () => {
    if (dead) throw died();
  };
  /** Decides the fate of the next write, then runs it. */
  const write = async (run: () => Promise<void>): Promise<void> => {
    alive();
    const index = attempts++;
    if (plan.killAfter !== undefined && index >= plan.killAfter) {
      dead = true;
      throw died();
    }
    if (failAt.has(index)) {
      throw new ThetaError(FaultyKvErrorCode.Injected, `faulty KvStore: write ${index} failed (injected)`);
    }
    await run();
    applied++;
  };
  return {
    inner,
    attempts: () => attempts,
    applied: () => applied,
    killed: () => dead,
    kill() {
      dead = true;
    },
    async get(key) {
      alive();
      return inner.get(key);
    },
    async getMany(keys) {
      alive();
      return getMany(inner, keys);
    },
    put: (key, value) => write(() => inner.put(key, value)),
    del: (key) => write(() => inner.del(key)),
    async batch(ops: readonly KvBatchOp[]) {
      if (ops.length === 0) return alive();
      // The ops are copied first: a caller mutating its array after the call cannot tear the batch.
      const copy = ops.map((op) => ({ ...op }));
      await write(() => inner.batch(copy));
    },
    async *iterate(range?: KvRange) {
      alive();
      for await (const entry of inner.iterate(range)) {
        alive();
        yield entry;
      }
    },
    async close() {
      if (!dead) await inner.close();
    },
  };
}

/** Where one replay of a scenario stopped. */
export interface CrashPoint {
  /** Writes that reached the underlying store before the kill. */
  readonly applied: number;
  /** Writes of the whole scenario (`applied === total`: the run completed, no crash). */
  readonly total: number;
}

/** A scenario to crash at every write. */
export interface CrashScenario {
  /** The underlying store as it is before the scenario (default: an empty memory store), fresh per replay. */
  readonly fresh?: () => Promise<KvStore>;
  /** Runs the writes under test through `kv`; it may throw once the store is killed. */
  readonly run: (kv: KvStore) => Promise<void>;
  /** The restart: opens stores again on `kv`, the underlying store the crashed run wrote to, and checks them. */
  readonly check: (kv: KvStore, at: CrashPoint) => Promise<void>;
}

/**
 * Runs `scenario` once to count its writes (N), then once per kill point 0 … N−1, each on a fresh
 * underlying store, and calls `check` after each (and after the complete run). The scenario must make
 * the same writes on every replay; a replay that stops before its kill point fails. Returns the number
 * of crash points checked (N + 1, the complete run included) and N.
 */
export async function forEachCrashPoint(
  scenario: CrashScenario,
): Promise<{ points: number; writes: number }> {
  const fresh = scenario.fresh ?? (async () => createMemoryKvStore());
  const full = await fresh();
  const counting = createFaultyKvStore(full);
  await scenario.run(counting);
  const total = counting.applied();
  await scenario.check(full, { applied: total, total });
  for (let k = 0; k < total; k++) {
    const inner = await fresh();
    const kv = createFaultyKvStore(inner, { killAfter: k });
    let failure: unknown;
    try {
      await scenario.run(kv);
    } catch (e) {
      failure = e;
    }
    if (!kv.killed() || kv.applied() !== k) {
      throw new Error(
        `crash point ${k} of ${total}: the replay ${kv.killed() ? `applied ${kv.applied()} writes` : "was never killed"} (the scenario is not deterministic${failure === undefined ? "" : `, or failed: ${String(failure)}`})`,
      );
    }
    await scenario.check(inner, { applied: k, total });
  }
  return { points: total + 1, writes: total };
}
