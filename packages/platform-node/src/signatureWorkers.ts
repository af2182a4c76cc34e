/**
 * A pool of worker threads that check secp256k1 signatures (crypto's `SignatureBatchVerifier`
 * port): a batch is split into one slice per thread and the slices run in parallel, so a block's
 * signatures use every core while the ledger's own thread stays single.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ThetaError } from "@theta/core-types";
import type { SignatureBatchVerifier, SignatureCheck } from "@theta/crypto";

export const SignatureWorkersErrorCode = {
  Closed: "SIGNATURE_WORKERS_CLOSED",
  WorkerFailed: "SIGNATURE_WORKERS_FAILED",
} as const;

export interface SignatureWorkerOptions {
  /** Threads (default: the machine's available parallelism, at least 1). */
  readonly threads?: number;
  /** The crypto backend the threads use (default "native"). */
  readonly backend?: "native" | "noble";
  /** Batches smaller than this are split less (default 64 checks per thread at least). */
  readonly minChecksPerThread?: number;
}

export interface SignatureWorkerPool extends SignatureBatchVerifier {
  readonly threads: number;
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

interface Pending {
  resolve(results: boolean[]): void;
  reject(e: Error): void;
}

/** Starts the threads and resolves once each has loaded its backend. */
export async function createSignatureWorkers(
  opts: SignatureWorkerOptions = {},
): Promise<SignatureWorkerPool> {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const minPerThread = Math.max(1, opts.minChecksPerThread ?? 64);
  // Run from TypeScript sources (tests, tsx) or from the compiled dist, beside this module.
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./signatureWorker.ts" : "./signatureWorker.js", import.meta.url);
  // From sources, a small bootstrap registers tsx in the thread (execArgv's --import does not reach
  // a worker's module loader on Node 20) and then loads the TypeScript body.
  const tsxApi = resolveFromHere("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); });`;
  const execArgv = fromSource ? ["--conditions=@theta/source"] : [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const workers = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<Worker>((resolve, reject) => {
          const workerData = { backend: opts.backend ?? "native" };
          const w = fromSource
            ? new Worker(bootstrap, { eval: true, workerData, execArgv })
            : new Worker(url, { workerData, execArgv });
          w.unref();
          w.on("message", (m: { ready?: true; id?: number; results?: boolean[] }) => {
            if (m.ready) return resolve(w);
            const p = pending.get(m.id!);
            pending.delete(m.id!);
            p?.resolve(m.results!);
          });
          w.once("error", (e) => {
            reject(e);
            fail(new ThetaError(SignatureWorkersErrorCode.WorkerFailed, `signature worker: ${e.message}`));
          });
        }),
    ),
  );
  const run = (w: Worker, checks: readonly SignatureCheck[]) =>
    new Promise<boolean[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      w.postMessage({ id, checks });
    });
  return {
    threads,
    async verifyMany(checks) {
      if (closed) {
        throw new ThetaError(SignatureWorkersErrorCode.Closed, "signature workers: used after close()");
      }
      if (checks.length === 0) return [];
      const slices = Math.min(threads, Math.ceil(checks.length / minPerThread));
      const size = Math.ceil(checks.length / slices);
      const parts = await Promise.all(
        Array.from({ length: slices }, (_, i) => run(workers[i]!, checks.slice(i * size, (i + 1) * size))),
      );
      return parts.flat();
    },
    async close() {
      if (closed) return;
      closed = true;
      fail(new ThetaError(SignatureWorkersErrorCode.Closed, "signature workers: closed"));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
