/**
 * The body of one signature-check thread (see signatureWorkers.ts): receives batches of checks and
 * answers with one result per check, on the backend the pool names.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createCrypto, nobleBackend, type SignatureCheck, type ThetaCrypto } from "@theta/crypto";

interface Request {
  readonly id: number;
  readonly checks: readonly SignatureCheck[];
}

/** The named backend; noble when the native one's optional modules are not installed (same results). */
async function backendCrypto(name: string): Promise<ThetaCrypto> {
  if (name === "native") {
    try {
      const { nativeBackend } = await import("@theta/crypto-native");
      return createCrypto(nativeBackend);
    } catch {
      // @theta/crypto-native is an optional dependency (its native modules may be absent)
    }
  }
  return createCrypto(nobleBackend);
}

const crypto = await backendCrypto((workerData as { backend: string }).backend);
parentPort?.on("message", (req: Request) => {
  const results = req.checks.map((c) => {
    try {
      return crypto.verify(c.message, c.signature, c.address);
    } catch {
      return false;
    }
  });
  parentPort?.postMessage({ id: req.id, results });
});
parentPort?.postMessage({ ready: true });
