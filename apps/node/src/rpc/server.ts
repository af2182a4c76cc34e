import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { type ListeningServer, serverLifecycle } from "../httpLifecycle.ts";
import { INVALID_REQUEST, responseJSON } from "./envelope.ts";
import { handleRpcBody, type RpcObserver } from "./handleBody.ts";
import { readBody } from "./readBody.ts";
import type { RpcRegistry } from "./registry.ts";

/** The text served at `/`. */
export const ROOT_TEXT = "Theta Node is up and running!";

/** The 503 body sent when a request outlives `timeoutMs` (not a JSON-RPC envelope, as the reference). */
export const TIMEOUT_BODY = '{"error":{"message":"Timeout"}}';

/** Where and how the RPC server listens. */
export interface RpcServerOpts {
  /** Bind address; 127.0.0.1 unless the operator chose otherwise. */
  readonly address: string;
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Bodies larger than this get HTTP 413 with a JSON-RPC -32600 error and the connection closed. */
  readonly maxBodyBytes: number;
  /** A request still running after this many milliseconds gets HTTP 503 {@link TIMEOUT_BODY}. */
  readonly timeoutMs: number;
  /** Concurrent connection cap. */
  readonly maxConnections: number;
  /** Keep-alive idle timeout in milliseconds. */
  readonly idleTimeoutMs: number;
}

/** Dependencies of the RPC server. */
export interface RpcServerDeps {
  readonly registry: RpcRegistry;
  /** Per-call latency and outcome, e.g. for the Prometheus histogram. */
  readonly observe?: RpcObserver;
  /** Called for unexpected failures in the HTTP layer (the request is answered 500). */
  readonly onInternalError?: (e: unknown) => void;
}

/** A running (or ready to run) JSON-RPC HTTP server. */
export type RpcServer = ListeningServer;

const CORS_HEADERS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*" } as const;

/** Creates the HTTP server for `POST /rpc` (JSON-RPC 2.0) and `/` (liveness text). */
export function createRpcServer(deps: RpcServerDeps, opts: RpcServerOpts): RpcServer {
  const now = (): number => performance.now() / 1000;
  const server: Server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      deps.onInternalError?.(e);
      if (!res.headersSent) res.writeHead(500, CORS_HEADERS);
      res.end();
    });
  });
  server.maxConnections = opts.maxConnections;
  server.keepAliveTimeout = opts.idleTimeoutMs;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/") {
      res.writeHead(200, { ...CORS_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
      res.end(ROOT_TEXT);
      req.resume();
      return;
    }
    if (path !== "/rpc") {
      res.writeHead(404, CORS_HEADERS);
      res.end();
      req.resume();
      return;
    }
    if (req.method === "OPTIONS") return void end(res, 200);
    if (req.method !== "POST") return void end(res, 405);
    if (mediaType(req.headers["content-type"]) !== "application/json") return void end(res, 415);
    await serveRpc(req, res);
  }

  async function serveRpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Created only if a handler asks for the signal: most calls never need one.
    let controller: AbortController | undefined;
    let aborted = false;
    const abort = (): void => {
      aborted = true;
      controller?.abort();
    };
    const ctx = {
      get signal(): AbortSignal {
        controller ??= new AbortController();
        if (aborted) controller.abort();
        return controller.signal;
      },
    };
    const timer = setTimeout(() => {
      abort();
      if (!res.headersSent) {
        res.writeHead(503, { ...CORS_HEADERS, "Content-Type": "application/json" });
        res.end(TIMEOUT_BODY);
      }
    }, opts.timeoutMs);
    res.on("close", () => {
      clearTimeout(timer);
      // Only a client that went away early aborts the handler (an abort costs a DOMException).
      if (!res.writableFinished) abort();
    });
    try {
      const read = await readBody(req, opts.maxBodyBytes);
      if (aborted || res.headersSent) return;
      if (read.kind === "aborted") return void res.destroy();
      if (read.kind === "tooLarge") {
        const message = `request body exceeds the limit of ${opts.maxBodyBytes} bytes (rpc.maxBodyBytes)`;
        const body = `${responseJSON(null, { error: { ...INVALID_REQUEST, message } })}\n`;
        return void sendJSON(res, 413, body, true);
      }
      const reply = await handleRpcBody(
        deps.observe === undefined
          ? { registry: deps.registry, now }
          : { registry: deps.registry, now, observe: deps.observe },
        read.text,
        ctx,
      );
      if (aborted || res.headersSent) return;
      if (reply.kind === "empty") return void end(res, 204);
      sendJSON(res, 200, reply.body, reply.closeConnection);
    } finally {
      clearTimeout(timer);
    }
  }

  return serverLifecycle(server, opts);
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status, CORS_HEADERS);
  res.end();
}

function sendJSON(res: ServerResponse, status: number, body: string, close: boolean): void {
  const headers: Record<string, string> = { ...CORS_HEADERS, "Content-Type": "application/json" };
  if (close) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(body);
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
function mediaType(header: string | undefined): string {
  if (header === undefined) return "";
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}
