/**
 * The daemon's HTTP side: JSON-RPC 2.0 on POST `/rpc` (docs/interfaces.md §2.3), bound to 127.0.0.1
 * unless told otherwise, since unlocked keys can sign through it. It answers through the JSON-RPC
 * core it shares with the node (`@theta/platform-node`): envelope rules, batches, a body limit,
 * `Content-Type: application/json` only, and the Host/Origin policy that keeps web pages out
 * (a foreign Origin, a DNS-rebinding Host or a `text/plain` body is refused), plus an optional
 * bearer token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isThetaError } from "@theta/core-types";
import {
  corsHeaders,
  createAccessPolicy,
  handleJsonRpcBody,
  INVALID_REQUEST,
  type JsonRpcCore,
  mediaType,
  readBody,
  responseJSON,
  writeRefusal,
} from "@theta/platform-node";
import type { JsonNode } from "../jsonOutput.ts";
import type { DaemonService } from "./service.ts";

/** The default request body limit: far above any wallet call. */
export const DAEMON_MAX_BODY_BYTES = 1024 * 1024;

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

/** The daemon's methods as a JSON-RPC core: params are `[{args}]` or `{args}`; absent means `{}`. */
function daemonCore(service: DaemonService): JsonRpcCore<undefined, JsonNode> {
  return {
    resultJSON: toText,
    async dispatch(method, params) {
      const first: unknown = Array.isArray(params) ? params[0] : params;
      const args =
        typeof first === "object" && first !== null && !Array.isArray(first)
          ? (first as Record<string, unknown>)
          : {};
      try {
        return { result: await service.call(method, args) };
      } catch (e) {
        if (isThetaError(e) && e.code === "CLI_DAEMON_UNKNOWN_METHOD") {
          return { error: { code: -32601, message: e.message } };
        }
        return { error: { code: -32000, message: (e as Error).message } };
      }
    },
  };
}

/** Answers one request body (the JSON-RPC text) with the response text ("" when only notifications came). */
export async function handleRpcBody(service: DaemonService, body: string): Promise<string> {
  const reply = await handleJsonRpcBody(daemonCore(service), body, undefined);
  return reply.kind === "reply" ? reply.body : "";
}

/** Where and how the daemon listens, and whom it answers. */
export interface DaemonServerOpts {
  readonly port: number;
  readonly host: string;
  /** Browser origins allowed to call (none by default: any page allowed can sign with unlocked keys). */
  readonly allowedOrigins?: readonly string[];
  /** Host names accepted besides localhost, IP addresses and `host`. */
  readonly allowedHosts?: readonly string[];
  /** When set, requests need `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Request body limit (default {@link DAEMON_MAX_BODY_BYTES}). */
  readonly maxBodyBytes?: number;
}

export interface RunningDaemon {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts listening; `port` 0 picks a free port. */
export async function startDaemonServer(
  service: DaemonService,
  opts: DaemonServerOpts,
): Promise<RunningDaemon> {
  const core = daemonCore(service);
  const limit = opts.maxBodyBytes ?? DAEMON_MAX_BODY_BYTES;
  const policy = createAccessPolicy({
    boundAddress: opts.host,
    allowedHosts: opts.allowedHosts ?? [],
    allowedOrigins: opts.allowedOrigins ?? [],
    ...(opts.token === undefined ? {} : { bearerToken: opts.token }),
    hints: { host: "--allowed-hosts", origin: "--allowed-origins" },
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const decision = policy.check(req.headers, req.method === "OPTIONS");
    if (!decision.ok) {
      req.resume();
      return writeRefusal(res, decision);
    }
    const cors = corsHeaders(decision.allowOrigin);
    const text = (status: number, message: string): void => {
      req.resume();
      res.writeHead(status, { ...cors, "Content-Type": "text/plain; charset=utf-8" });
      res.end(`${message}\n`);
    };
    if ((req.url ?? "/").split("?")[0] !== "/rpc") return text(404, "not found: the daemon serves POST /rpc");
    if (req.method === "OPTIONS") {
      req.resume();
      res.writeHead(204, cors);
      return void res.end();
    }
    if (req.method !== "POST") return text(405, "method not allowed: use POST");
    if (mediaType(req.headers["content-type"]) !== "application/json") {
      return text(415, "unsupported media type: send Content-Type: application/json");
    }
    const read = await readBody(req, limit);
    if (read.kind === "aborted") return void res.destroy();
    if (read.kind === "tooLarge") {
      const message = `request body exceeds the limit of ${limit} bytes`;
      res.writeHead(413, { ...cors, "Content-Type": "application/json", Connection: "close" });
      return void res.end(`${responseJSON(null, { error: { ...INVALID_REQUEST, message } })}\n`);
    }
    const reply = await handleJsonRpcBody(core, read.text, undefined);
    if (reply.kind === "empty") {
      res.writeHead(204, cors);
      return void res.end();
    }
    const headers: Record<string, string> = { ...cors, "Content-Type": "application/json" };
    if (reply.closeConnection) headers.Connection = "close";
    res.writeHead(200, headers);
    res.end(reply.body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  return {
    server,
    url: `http://${shown}:${port}/rpc`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
