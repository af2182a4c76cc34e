import type { IncomingMessage } from "node:http";

/** Outcome of reading a request body under a size limit. */
export type BodyRead =
  | { readonly kind: "ok"; readonly text: string }
  | { readonly kind: "tooLarge" }
  | { readonly kind: "aborted" };

/**
 * Reads the whole body as UTF-8, stopping as soon as it exceeds `limit` bytes (a declared
 * Content-Length over the limit is refused before reading anything).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ kind: "tooLarge" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyRead): void => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        req.resume();
        finish({ kind: "tooLarge" });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => finish({ kind: "ok", text: Buffer.concat(chunks).toString("utf8") }));
    req.on("error", () => finish({ kind: "aborted" }));
    req.on("close", () => finish({ kind: "aborted" }));
  });
}
