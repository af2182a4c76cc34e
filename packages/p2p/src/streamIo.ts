/** Reading and writing one point-to-point message per libp2p stream, bounded in size and time. */
import type { Stream } from "@libp2p/interface";
import { concatBytes } from "@theta/core-types";

/** Outcome of reading a stream to its end. */
export type ReadOutcome =
  | { readonly kind: "ok"; readonly bytes: Uint8Array }
  | { readonly kind: "oversized" }
  | { readonly kind: "failed"; readonly error: unknown };

/** Error used to abort a stream that broke a limit. */
function limitError(message: string): Error {
  const e = new Error(message);
  e.name = "P2pLimitError";
  return e;
}

/**
 * Reads `stream` to its end; aborts it (and reports `oversized`) as soon as more than `limit` bytes
 * arrive, or reports `failed` if it errors or has not ended after `timeoutMs`.
 */
export async function readBounded(stream: Stream, limit: number, timeoutMs: number): Promise<ReadOutcome> {
  const timer = setTimeout(
    () => stream.abort(limitError(`stream not finished after ${timeoutMs} ms`)),
    timeoutMs,
  );
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream.source) {
      total += chunk.byteLength;
      if (total > limit) {
        stream.abort(limitError(`stream exceeds ${limit} bytes`));
        return { kind: "oversized" };
      }
      chunks.push(chunk.subarray());
    }
    await stream.close();
    return { kind: "ok", bytes: chunks.length === 1 ? chunks[0]! : concatBytes(...chunks) };
  } catch (error) {
    return { kind: "failed", error };
  } finally {
    clearTimeout(timer);
  }
}

/** Writes `bytes` as the whole content of `stream` and closes it; aborts it after `timeoutMs`. */
export async function writeAndClose(stream: Stream, bytes: Uint8Array, timeoutMs: number): Promise<void> {
  const timer = setTimeout(
    () => stream.abort(limitError(`send not finished after ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    await stream.sink([bytes]);
    await stream.close();
  } finally {
    clearTimeout(timer);
  }
}
