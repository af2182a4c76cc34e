/**
 * JSON-RPC 2.0 over WebSocket (`/ws`): one text frame in, one text frame out, batches and
 * notifications exactly as over HTTP (the shared body handling), plus server-to-client
 * notifications through `ctx.connection` (subscriptions). Limits: a frame larger than
 * `maxPayloadBytes` closes the connection with 1009; a connection that answers no ping within
 * `pingIntervalMs` is terminated; a peer that does not read (more than `maxBufferedBytes`
 * waiting to be sent) is terminated rather than buffered for; at most `maxInFlight` frames of a
 * connection run at once (reading pauses meanwhile). Binary frames and non-JSON text are
 * answered with a parse error and the connection stays open.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { notificationJSON, PARSE_ERROR, responseJSON } from "@theta/platform-node";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { handleRpcBody, type RpcObserver } from "../handleBody.ts";
import { stringifyJson } from "../json/jsonText.ts";
import type { RpcConnection, RpcContext, RpcRegistry } from "../registry.ts";

/** Limits of the WebSocket endpoint. */
export interface WsLimits {
  /** Largest frame (message) accepted; larger closes the connection with 1009 (rpc.maxBodyBytes). */
  readonly maxPayloadBytes: number;
  /** A frame's calls are aborted (their AbortSignal fires) after this long (rpc.timeoutSecs). */
  readonly timeoutMs: number;
  /** A ping is sent this often; a connection that answered none since the last one is terminated. */
  readonly pingIntervalMs: number;
  /** A connection with more than this many bytes waiting to be sent is terminated. */
  readonly maxBufferedBytes: number;
  /** Frames of one connection handled at once; reading pauses while the limit is reached. */
  readonly maxInFlight: number;
}

/** Defaults for the limits that have no config key. */
export const DEFAULT_WS_LIMITS = {
  pingIntervalMs: 30_000,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxInFlight: 32,
} as const;

/** What the endpoint dispatches with. */
export interface WsEndpointDeps {
  readonly registry: RpcRegistry;
  /** Monotonic seconds for the observer. */
  readonly now: () => number;
  readonly observe?: RpcObserver;
  /** Unexpected failures (a cleanup that threw, a notification JSON cannot carry). */
  readonly onInternalError?: (e: unknown) => void;
}

/** The endpoint, attached to an HTTP server's `upgrade` event by the caller. */
export interface WsEndpoint {
  /** Completes the WebSocket handshake of an already accepted upgrade request. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open connections. */
  readonly connections: number;
  /** Terminates every connection and stops the keepalive timer. */
  close(): void;
}

interface Frame {
  readonly owner: Conn;
  done: boolean;
}

interface Conn {
  readonly ws: WebSocket;
  alive: boolean;
}

const BINARY_REPLY = responseJSON(null, { error: PARSE_ERROR });

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

/** Creates the endpoint. */
export function createWsEndpoint(deps: WsEndpointDeps, limits: WsLimits): WsEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const conns = new Set<Conn>();
  const frames = new AsyncLocalStorage<Frame>();
  const report = (e: unknown): void => deps.onInternalError?.(e);

  const keepalive = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, limits.pingIntervalMs);
  keepalive.unref();

  function serve(ws: WebSocket): void {
    const conn: Conn = { ws, alive: true };
    conns.add(conn);
    let closed = false;
    const cleanups: (() => void)[] = [];
    const running = new Set<{ abort(): void }>();
    let inFlight = 0;
    // Notifications wait while a frame that subscribed is still unanswered, so that a
    // subscription's first notification never precedes the reply carrying its id.
    const holding = new Set<Frame>();
    let held: string[] = [];
    let heldBytes = 0;

    const shut = (): void => {
      if (closed) return;
      closed = true;
      conns.delete(conn);
      held = [];
      for (const r of running) r.abort();
      for (const cleanup of cleanups.splice(0)) {
        try {
          cleanup();
        } catch (e) {
          report(e);
        }
      }
    };
    /** A peer that does not read: drop it rather than buffer without bound. */
    const overflow = (): void => {
      ws.terminate();
      shut();
    };
    const send = (text: string): boolean => {
      if (closed || ws.readyState !== WebSocket.OPEN) return false;
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        overflow();
        return false;
      }
      ws.send(text);
      return true;
    };
    const release = (frame: Frame): void => {
      frame.done = true;
      if (!holding.delete(frame) || holding.size > 0) return;
      const out = held;
      held = [];
      heldBytes = 0;
      for (const text of out) if (!send(text)) return;
    };

    const connection: RpcConnection = {
      notify(method, params) {
        if (closed) return false;
        let text: string;
        try {
          text = notificationJSON(method, stringifyJson(params));
        } catch (e) {
          report(e);
          return true;
        }
        if (holding.size === 0) return send(text);
        held.push(text);
        heldBytes += text.length;
        if (heldBytes + ws.bufferedAmount > limits.maxBufferedBytes) {
          overflow();
          return false;
        }
        return true;
      },
      onClose(cleanup) {
        if (closed) {
          try {
            cleanup();
          } catch (e) {
            report(e);
          }
          return;
        }
        cleanups.push(cleanup);
        const frame = frames.getStore();
        if (frame !== undefined && frame.owner === conn && !frame.done) holding.add(frame);
      },
    };

    const runFrame = (text: string): void => {
      const frame: Frame = { owner: conn, done: false };
      let controller: AbortController | undefined;
      let aborted = false;
      const handle = {
        abort(): void {
          aborted = true;
          controller?.abort();
        },
      };
      const ctx: RpcContext = {
        get signal(): AbortSignal {
          controller ??= new AbortController();
          if (aborted) controller.abort();
          return controller.signal;
        },
        connection,
      };
      running.add(handle);
      inFlight++;
      if (inFlight >= limits.maxInFlight) ws.pause();
      const timer = setTimeout(() => handle.abort(), limits.timeoutMs);
      const core =
        deps.observe === undefined
          ? { registry: deps.registry, now: deps.now }
          : { registry: deps.registry, now: deps.now, observe: deps.observe };
      frames
        .run(frame, () => handleRpcBody(core, text, ctx))
        .then((reply) => {
          if (reply.kind === "reply") send(reply.body.endsWith("\n") ? reply.body.slice(0, -1) : reply.body);
        })
        .catch(report)
        .finally(() => {
          clearTimeout(timer);
          running.delete(handle);
          inFlight--;
          release(frame);
          if (!closed && ws.isPaused && inFlight < limits.maxInFlight) ws.resume();
        });
    };

    ws.on("message", (data, isBinary) => {
      conn.alive = true;
      if (closed) return;
      if (isBinary) {
        send(BINARY_REPLY);
        return;
      }
      runFrame(textOf(data));
    });
    ws.on("pong", () => {
      conn.alive = true;
    });
    // Oversized frames, bad UTF-8 and protocol errors: ws closes the connection (1009, 1007,
    // 1002); the error itself needs a listener or it would be thrown.
    ws.on("error", () => undefined);
    ws.on("close", shut);
  }

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, serve);
    },
    get connections() {
      return conns.size;
    },
    close() {
      clearInterval(keepalive);
      for (const c of [...conns]) c.ws.terminate();
      wss.close();
    },
  };
}
