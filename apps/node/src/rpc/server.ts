import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import {
  type AccessDecision,
  corsHeaders,
  createAccessPolicy,
  mediaType,
  readBody,
  refuseUpgrade,
  writeRefusal,
} from "@theta/platform-node";
import { type ListeningServer, serverLifecycle } from "../httpLifecycle.ts";
import { INVALID_REQUEST, responseJSON } from "./envelope.ts";
import { handleRpcBody, type RpcObserver } from "./handleBody.ts";
import type { RpcRegistry } from "./registry.ts";
import { createWsEndpoint, DEFAULT_WS_LIMITS, type WsLimits } from "./ws/wsEndpoint.ts";

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
  /**
   * Bodies larger than this get HTTP 413 with a JSON-RPC -32600 error and the connection closed;
   * WebSocket frames larger than this close the connection with 1009.
   */
  readonly maxBodyBytes: number;
  /** A request still running after this many milliseconds gets HTTP 503 {@link TIMEOUT_BODY}. */
  readonly timeoutMs: number;
  /** Concurrent connection cap (HTTP and WebSocket together). */
  readonly maxConnections: number;
  /** Keep-alive idle timeout in milliseconds. */
  readonly idleTimeoutMs: number;
  /**
   * Further `Host` names accepted besides localhost, IP addresses and the bind address
   * (rpc.allowedHosts; `*` any). Other hosts get 403: a guard against DNS rebinding.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Browser origins allowed besides pages on this machine (rpc.allowedOrigins; `*` wildcards).
   * A request with another `Origin` gets 403; requests without one (non-browser clients) pass.
   */
  readonly allowedOrigins?: readonly string[];
  /** The Ethereum port: `POST /` is JSON-RPC as `/rpc` is, and `/` upgrades to WebSocket as `/ws` does. */
  readonly rootIsRpc?: boolean;
  /** WebSocket limits without a config key (defaults {@link DEFAULT_WS_LIMITS}). */
  readonly ws?: Partial<Pick<WsLimits, "pingIntervalMs" | "maxBufferedBytes" | "maxInFlight">>;
}

/** Dependencies of the RPC server. */
export interface RpcServerDeps {
  readonly registry: RpcRegistry;
  /** Per-call latency and outcome, e.g. for the Prometheus histogram. */
  readonly observe?: RpcObserver;
  /** Called for unexpected failures in the HTTP layer (the request is answered 500). */
  readonly onInternalError?: (e: unknown) => void;
}

/** A running (or ready to run) JSON-RPC server: HTTP `POST /rpc` and WebSocket `/ws`. */
export interface RpcServer extends ListeningServer {
  /** Open WebSocket connections. */
  readonly wsConnections: number;
}

type Refusal = Extract<AccessDecision, { ok: false }>;

/**
 * Creates the HTTP server for `POST /rpc` (JSON-RPC 2.0), `/ws` (JSON-RPC over WebSocket) and `/`
 * (liveness text; JSON-RPC too on the Ethereum port).
 */
export function createRpcServer(deps: RpcServerDeps, opts: RpcServerOpts): RpcServer {
  const now = (): number => performance.now() / 1000;
  const policy = createAccessPolicy({
    boundAddress: opts.address,
    allowedHosts: opts.allowedHosts ?? [],
    allowedOrigins: opts.allowedOrigins ?? [],
    allowLoopbackOrigins: true,
    hints: { host: "rpc.allowedHosts", origin: "rpc.allowedOrigins" },
  });
  const rpcPaths = new Set(opts.rootIsRpc === true ? ["/rpc", "/"] : ["/rpc"]);
  const wsPaths = new Set(opts.rootIsRpc === true ? ["/ws", "/"] : ["/ws"]);
  const ws = createWsEndpoint(
    deps.observe === undefined
      ? { registry: deps.registry, now, onInternalError: (e) => deps.onInternalError?.(e) }
      : {
          registry: deps.registry,
          now,
          observe: deps.observe,
          onInternalError: (e) => deps.onInternalError?.(e),
        },
    {
      maxPayloadBytes: opts.maxBodyBytes,
      timeoutMs: opts.timeoutMs,
      pingIntervalMs: opts.ws?.pingIntervalMs ?? DEFAULT_WS_LIMITS.pingIntervalMs,
      maxBufferedBytes: opts.ws?.maxBufferedBytes ?? DEFAULT_WS_LIMITS.maxBufferedBytes,
      maxInFlight: opts.ws?.maxInFlight ?? DEFAULT_WS_LIMITS.maxInFlight,
    },
  );

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      deps.onInternalError?.(e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.maxConnections = opts.maxConnections;
  server.keepAliveTimeout = opts.idleTimeoutMs;

  server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
    const path = pathOf(req);
    if (!wsPaths.has(path))
      return refuseUpgrade(socket, 404, "Not Found", `no WebSocket endpoint at ${path}; use /ws`);
    if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket") {
      return refuseUpgrade(socket, 400, "Bad Request", "only WebSocket upgrades are served");
    }
    const decision = policy.check(req.headers);
    if (!decision.ok) return refuseUpgrade(socket, decision.status, "Forbidden", decision.message);
    ws.handleUpgrade(req, socket, head);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const decision = policy.check(req.headers, req.method === "OPTIONS");
    if (!decision.ok) return refuse(req, res, decision);
    const cors = corsHeaders(decision.allowOrigin);
    const path = pathOf(req);
    if (rpcPaths.has(path) && !(path === "/" && req.method !== "POST" && req.method !== "OPTIONS")) {
      if (req.method === "OPTIONS") return void end(res, 200, cors);
      if (req.method !== "POST") return void end(res, 405, cors);
      if (mediaType(req.headers["content-type"]) !== "application/json") return void end(res, 415, cors);
      return serveRpc(req, res, cors);
    }
    req.resume();
    if (path === "/") {
      res.writeHead(200, { ...cors, "Content-Type": "text/plain; charset=utf-8" });
      res.end(ROOT_TEXT);
      return;
    }
    if (wsPaths.has(path)) {
      res.writeHead(426, { ...cors, "Content-Type": "text/plain; charset=utf-8", Upgrade: "websocket" });
      res.end("this is a WebSocket endpoint: connect with a WebSocket client\n");
      return;
    }
    end(res, 404, cors);
  }

  function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
    req.resume();
    writeRefusal(res, refusal);
  }

  async function serveRpc(
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
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
        res.writeHead(503, { ...cors, "Content-Type": "application/json" });
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
        return void sendJSON(res, 413, body, true, cors);
      }
      const reply = await handleRpcBody(
        deps.observe === undefined
          ? { registry: deps.registry, now }
          : { registry: deps.registry, now, observe: deps.observe },
        read.text,
        ctx,
      );
      if (aborted || res.headersSent) return;
      if (reply.kind === "empty") return void end(res, 204, cors);
      sendJSON(res, 200, reply.body, reply.closeConnection, cors);
    } finally {
      clearTimeout(timer);
    }
  }

  const life = serverLifecycle(server, opts);
  return {
    listen: () => life.listen(),
    async close() {
      ws.close();
      await life.close();
    },
    get wsConnections() {
      return ws.connections;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0] ?? "/";
}

function end(res: ServerResponse, status: number, cors: Record<string, string>): void {
  res.writeHead(status, cors);
  res.end();
}

function sendJSON(
  res: ServerResponse,
  status: number,
  body: string,
  close: boolean,
  cors: Record<string, string>,
): void {
  const headers: Record<string, string> = { ...cors, "Content-Type": "application/json" };
  if (close) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(body);
}
