/**
 * A pool of worker threads that check secp256k1 signatures (crypto's `SignatureBatchVerifier`
 * port): a batch is split into one slice per thread and the slices run in parallel, so a block's
 * signatures use every core while the ledger's own thread stays single.
 *
 * A thread that dies (an error, an exit) or does not answer a slice within `sliceTimeoutMs` is
 * terminated and replaced, and every slice it held is checked inline on the calling thread, so a
 * batch always resolves with the right answers and block application never waits on a lost thread.
 * A thread that fails to start three times in a row is not replaced again: its slices run inline.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ThetaError } from "@theta/core-types";
import {
  defaultCrypto,
  type SignatureBatchVerifier,
  type SignatureCheck,
  type ThetaCrypto,
} from "@theta/crypto";

/** Stable codes of the signature worker pool's errors. */
export const SignatureWorkersErrorCode = {
  Closed: "SIGNATURE_WORKERS_CLOSED",
  WorkerFailed: "SIGNATURE_WORKERS_FAILED",
} as const;

/** What {@link SignatureWorkerOptions.onDispatch} is told about each slice sent to a thread. */
export interface SliceDispatch {
  /** Index of the thread's slot (0 .. threads − 1). */
  readonly thread: number;
  /** The thread now serving that slot (a replacement is another object). */
  readonly worker: Worker;
  /** Checks in the slice. */
  readonly checks: number;
}

/** Options of {@link createSignatureWorkers}. */
export interface SignatureWorkerOptions {
  /** Threads (default: the machine's available parallelism, at least 1). */
  readonly threads?: number;
  /** The crypto backend the threads use (default "native"; noble where its optional modules are not installed). */
  readonly backend?: "native" | "noble";
  /** Batches smaller than this are split less (default 64 checks per thread at least). */
  readonly minChecksPerThread?: number;
  /** A slice unanswered this long means a hung thread: it is replaced (default 30,000 ms). */
  readonly sliceTimeoutMs?: number;
  /** Checks the slices of lost threads on the calling thread (default: crypto's `defaultCrypto`). */
  readonly inline?: ThetaCrypto;
  /** Called for each slice just before it is posted to its thread (observability; tests stop threads with it). */
  readonly onDispatch?: (d: SliceDispatch) => void;
}

/** How often the pool lost a thread. */
export interface SignatureWorkerStats {
  /** Threads terminated after an error, an exit or a timeout (each is replaced). */
  readonly lostThreads: number;
  /** Slices checked on the calling thread (their thread was lost, or its slot had none). */
  readonly inlineSlices: number;
}

/** Worker threads checking signature batches; close it when done. */
export interface SignatureWorkerPool extends SignatureBatchVerifier {
  readonly threads: number;
  /** Counts of lost threads and inline slices since the start. */
  stats(): SignatureWorkerStats;
  /** Resolves once every slot has a running thread (or has given up restarting one). */
  whenReady(): Promise<void>;
  /** Stops the threads; later calls reject. */
  close(): Promise<void>;
}

/** The URL of `specifier` as resolved from this module (the bare specifier where that is unsupported). */
function resolveFromHere(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return specifier;
  }
}

interface Slice {
  readonly checks: readonly SignatureCheck[];
  resolve(results: boolean[]): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface Slot {
  readonly index: number;
  worker: Worker | undefined;
  /** A replacement being started. */
  starting: Promise<void> | undefined;
  readonly slices: Map<number, Slice>;
  failedStarts: number;
}

const MAX_FAILED_STARTS = 3;

/** Starts the threads and resolves once each has loaded its backend. */
export async function createSignatureWorkers(
  opts: SignatureWorkerOptions = {},
): Promise<SignatureWorkerPool> {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const minPerThread = Math.max(1, opts.minChecksPerThread ?? 64);
  const sliceTimeout = opts.sliceTimeoutMs ?? 30_000;
  const inlineCrypto = opts.inline ?? defaultCrypto;
  // Run from TypeScript sources (tests, tsx) or from the compiled dist, beside this module.
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./signatureWorker.ts" : "./signatureWorker.js", import.meta.url);
  // From sources, a small bootstrap registers tsx in the thread (execArgv's --import does not reach
  // a worker's module loader on Node 20) and then loads the TypeScript body.
  const tsxApi = resolveFromHere("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); });`;
  const execArgv = fromSource ? ["--conditions=@theta/source"] : [];
  let nextId = 0;
  let closed = false;
  let lostThreads = 0;
  let inlineSlices = 0;

  /** A thread that has loaded its backend (rejects if it fails or exits first). */
  const startWorker = () =>
    new Promise<Worker>((resolve, reject) => {
      const workerData = { backend: opts.backend ?? "native" };
      const w = fromSource
        ? new Worker(bootstrap, { eval: true, workerData, execArgv })
        : new Worker(url, { workerData, execArgv });
      w.unref();
      const onMessage = (m: { ready?: true }) => {
        if (!m.ready) return;
        w.off("error", onError).off("exit", onExit).off("message", onMessage);
        resolve(w);
      };
      const onError = (e: Error) => {
        void w.terminate();
        reject(new ThetaError(SignatureWorkersErrorCode.WorkerFailed, `signature worker: ${e.message}`));
      };
      const onExit = (code: number) =>
        reject(new ThetaError(SignatureWorkersErrorCode.WorkerFailed, `signature worker exited (${code})`));
      w.on("message", onMessage).once("error", onError).once("exit", onExit);
    });

  const checkInline = (checks: readonly SignatureCheck[]): boolean[] => {
    inlineSlices++;
    return checks.map((c) => {
      try {
        return inlineCrypto.verify(c.message, c.signature, c.address);
      } catch {
        return false;
      }
    });
  };

  /** Gives `w`'s slot up: its slices are checked inline and a replacement is started. */
  const lose = (slot: Slot, w: Worker): void => {
    if (slot.worker !== w) return;
    slot.worker = undefined;
    void w.terminate();
    if (closed) return;
    lostThreads++;
    const held = [...slot.slices.values()];
    slot.slices.clear();
    for (const s of held) {
      clearTimeout(s.timer);
      s.resolve(checkInline(s.checks));
    }
    replace(slot);
  };

  const attach = (slot: Slot, w: Worker): void => {
    slot.worker = w;
    w.on("message", (m: { id?: number; results?: boolean[] }) => {
      if (slot.worker !== w || m.id === undefined) return;
      const s = slot.slices.get(m.id);
      if (s === undefined) return;
      slot.slices.delete(m.id);
      clearTimeout(s.timer);
      s.resolve(m.results ?? []);
    });
    w.on("error", () => lose(slot, w));
    w.on("exit", () => lose(slot, w));
  };

  const replace = (slot: Slot): void => {
    if (slot.starting !== undefined || slot.failedStarts >= MAX_FAILED_STARTS) return;
    slot.starting = startWorker().then(
      (w) => {
        slot.starting = undefined;
        if (closed) {
          void w.terminate();
          return;
        }
        slot.failedStarts = 0;
        attach(slot, w);
      },
      () => {
        slot.starting = undefined;
        slot.failedStarts++;
        if (!closed) replace(slot);
      },
    );
  };

  const started = await Promise.allSettled(Array.from({ length: threads }, () => startWorker()));
  const failed = started.find((r) => r.status === "rejected");
  if (failed !== undefined) {
    for (const r of started) if (r.status === "fulfilled") await r.value.terminate();
    throw (failed as PromiseRejectedResult).reason;
  }
  const slots: Slot[] = started.map((r, index) => {
    const slot: Slot = { index, worker: undefined, starting: undefined, slices: new Map(), failedStarts: 0 };
    attach(slot, (r as PromiseFulfilledResult<Worker>).value);
    return slot;
  });

  const run = (slot: Slot, checks: readonly SignatureCheck[]): Promise<boolean[]> => {
    const w = slot.worker;
    if (w === undefined) return Promise.resolve(checkInline(checks));
    return new Promise<boolean[]>((resolve, reject) => {
      const id = nextId++;
      const s: Slice = { checks, resolve, reject, timer: undefined };
      slot.slices.set(id, s);
      s.timer = setTimeout(() => lose(slot, w), sliceTimeout);
      opts.onDispatch?.({ thread: slot.index, worker: w, checks: checks.length });
      w.postMessage({ id, checks });
    });
  };

  return {
    threads,
    async verifyMany(checks) {
      if (closed) {
        throw new ThetaError(SignatureWorkersErrorCode.Closed, "signature workers: used after close()");
      }
      if (checks.length === 0) return [];
      const n = Math.min(threads, Math.ceil(checks.length / minPerThread));
      const size = Math.ceil(checks.length / n);
      const parts = await Promise.all(
        Array.from({ length: n }, (_, i) => run(slots[i]!, checks.slice(i * size, (i + 1) * size))),
      );
      return parts.flat();
    },
    stats: () => ({ lostThreads, inlineSlices }),
    async whenReady() {
      for (const slot of slots) while (slot.starting !== undefined) await slot.starting;
    },
    async close() {
      if (closed) return;
      closed = true;
      const gone = new ThetaError(SignatureWorkersErrorCode.Closed, "signature workers: closed");
      const stopping: Promise<number>[] = [];
      for (const slot of slots) {
        for (const s of slot.slices.values()) {
          clearTimeout(s.timer);
          s.reject(gone);
        }
        slot.slices.clear();
        if (slot.worker !== undefined) stopping.push(slot.worker.terminate());
        slot.worker = undefined;
      }
      await Promise.all(stopping);
      for (const slot of slots) while (slot.starting !== undefined) await slot.starting;
    },
  };
}
