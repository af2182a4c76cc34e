/**
 * The pruning measurement, shared by the scaled-down test and bench/pruning.ts: the
 * same random account-update workload committed with a window of kept versions and without
 * pruning, against the size of the live state alone.
 */
import { decodeAccount, type Hash } from "@theta/core-types";
import { createMemoryKvStore, createVersionedState, type TrieEngine } from "../../src/index.ts";
import { liveStateBytes, runBlocks, writeAll } from "./workload.ts";

/** Storage roots of a leaf that decodes as an account (what the ledger passes). */
export const storageRootsOf = (v: Uint8Array): Hash[] => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

export interface PruningRunOptions {
  readonly blocks: number;
  readonly updates: number;
  readonly accounts: number;
  /** Kept versions; undefined: no pruning. */
  readonly window: number | undefined;
  readonly engine: TrieEngine;
  readonly seed: number;
  /** How many size samples to take along the run. */
  readonly samples: number;
  /** Write every account once first (block 1), so the live state is full from the start. */
  readonly genesis?: boolean;
  /** Run the fsck at the end (default true; it walks every stored node). */
  readonly fsck?: boolean;
  /** Called after each sample (progress for long runs). */
  readonly onSample?: (block: number, bytes: number) => void;
}

export interface PruningRun {
  /** Store bytes (keys + values) after each sampled block. */
  readonly sizes: ReadonlyArray<readonly [block: number, bytes: number]>;
  readonly finalBytes: number;
  /** Bytes of the final live state written alone into a fresh store. */
  readonly liveBytes: number;
  readonly updatesPerSecond: number;
  /** The fsck's findings (empty when every count is right). */
  readonly problems: readonly string[];
}

/** Runs the workload and measures the store; `now` is a clock in milliseconds. */
export async function pruningRun(opts: PruningRunOptions, now: () => number): Promise<PruningRun> {
  const kv = createMemoryKvStore();
  const vs = createVersionedState(kv, {
    engine: opts.engine,
    storageRootsOf,
    ...(opts.window === undefined ? {} : { keepVersions: opts.window }),
  });
  const balances = new Map<number, bigint>();
  if (opts.genesis) await writeAll(vs, opts.accounts, balances);
  const sizes: Array<readonly [number, number]> = [];
  const step = Math.max(1, Math.ceil(opts.blocks / opts.samples));
  const t0 = now();
  for (let done = 0; done < opts.blocks; ) {
    const n = Math.min(step, opts.blocks - done);
    await runBlocks(vs, {
      blocks: n,
      updates: opts.updates,
      accounts: opts.accounts,
      seed: opts.seed + done,
      balances,
    });
    done += n;
    sizes.push([done, kv.byteSize()]);
    opts.onSample?.(done, kv.byteSize());
  }
  const secs = (now() - t0) / 1000;
  const problems = opts.fsck === false ? [] : (await vs.verify()).problems;
  return {
    sizes,
    finalBytes: kv.byteSize(),
    liveBytes: await liveStateBytes(balances),
    updatesPerSecond: (opts.blocks * opts.updates) / secs,
    problems,
  };
}
