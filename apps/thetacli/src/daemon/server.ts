/**
 * The daemon's HTTP side: JSON-RPC 2.0 on POST `/rpc` (interfaces.md §2.3), bound to 127.0.0.1
 * unless told otherwise, since unlocked keys can sign through it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isThetaError } from "@theta/core-types";
import type { JsonNode } from "../jsonOutput.ts";
import type { DaemonService } from "./service.ts";

/** Compact JSON text of a lossless tree (numbers keep their digits). */
function toText(n: JsonNode): string {
  switch (n.t) {
    case "num":
      return n.raw;
    case "str":
      return JSON.stringify(n.v);
    case "lit":
      return String(n.v);
    case "arr":
      return `[${n.v.map(toText).join(",")}]`;
    case "obj":
      return `{${n.v.map(([k, v]) => `${JSON.stringify(k)}:${toText(v)}`).join(",")}}`;
  }
}

const envelope = (id: unknown, body: string) =>
  `{"jsonrpc":"2.0","id":${JSON.stringify(id ?? null)},${body}}\n`;
const failure = (id: unknown, code: number, message: string) =>
  envelope(id, `"error":${JSON.stringify({ code, message })}`);

/** Answers one request body (the JSON-RPC text) with the response text. */
export async function handleRpcBody(service: DaemonService, body: string): Promise<string> {
  let req: { method?: unknown; params?: unknown; id?: unknown };
  try {
    req = JSON.parse(body) as typeof req;
  } catch {
    return failure(null, -32700, "parse error: the body is not JSON");
  }
  if (typeof req !== "object" || req === null || typeof req.method !== "string")
    return failure(req?.id, -32600, "invalid request: method must be a string");
  const params = Array.isArray(req.params) ? req.params[0] : req.params;
  const args = typeof params === "object" && params !== null ? (params as Record<string, unknown>) : {};
  try {
    return envelope(req.id, `"result":${toText(await service.call(req.method, args))}`);
  } catch (e) {
    if (isThetaError(e) && e.code === "CLI_DAEMON_UNKNOWN_METHOD") return failure(req.id, -32601, e.message);
    return failure(req.id, -32000, (e as Error).message);
  }
}

export interface RunningDaemon {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts listening; `port` 0 picks a free port. */
export async function startDaemonServer(
  service: DaemonService,
  opts: { port: number; host: string },
): Promise<RunningDaemon> {
  const server = createServer((req, res) => {
    if (req.url !== "/rpc" || req.method !== "POST") {
      res.statusCode = 404;
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void handleRpcBody(service, Buffer.concat(chunks).toString("utf8")).then((text) => {
        res.setHeader("content-type", "application/json");
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://${opts.host}:${port}/rpc`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
