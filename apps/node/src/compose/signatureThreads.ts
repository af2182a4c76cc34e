/** The signature worker threads of `crypto.signatureThreads` (none when 0, or when they fail to start). */
import { createSignatureWorkers, type SignatureWorkerPool } from "@theta/platform-node";
import type { Logger } from "pino";
import type { ChainDeps } from "../chain.ts";

/** Starts the pool, or answers undefined (checks then run inline) with a warning if it cannot start. */
export async function startSignatureThreads(
  config: ChainDeps["config"],
  log: Logger,
): Promise<SignatureWorkerPool | undefined> {
  const threads = config["crypto.signatureThreads"];
  if (threads <= 0) return undefined;
  return createSignatureWorkers({
    threads,
    backend: config["crypto.backend"] === "noble" ? "noble" : "native",
  }).catch((e: unknown) => {
    log.warn(
      { err: (e as Error).message },
      "crypto.signatureThreads: workers did not start, checking inline",
    );
    return undefined;
  });
}
