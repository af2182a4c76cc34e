/** A WebSocket JSON-RPC client for the tests: sends frames, collects replies and notifications. */
import WebSocket from "ws";

/** One parsed frame from the server. */
export type Frame = Record<string, unknown> | Record<string, unknown>[];

/** A connected client. */
export interface WsClient {
  readonly ws: WebSocket;
  /** Every frame received so far, parsed. */
  readonly frames: Frame[];
  /** Raw text of every frame received so far. */
  readonly texts: string[];
  /** Sends `body` (an object is JSON-encoded) and waits for the reply with that id. */
  call(method: string, params?: unknown): Promise<Record<string, unknown>>;
  /** Sends a raw frame. */
  send(data: string | Buffer, binary?: boolean): void;
  /** Resolves with the first frame (from now or already received, after `from`) matching `pred`. */
  next(pred: (f: Frame) => boolean, timeoutMs?: number, from?: number): Promise<Frame>;
  /** Notifications of subscription `id` received so far (their `result`s). */
  notifications(id: string): unknown[];
  /** Resolves when the connection is closed, with the close code. */
  readonly closed: Promise<number>;
  close(): Promise<void>;
}

/** Connects to ws://127.0.0.1:port/path. */
export async function connectWs(
  port: number,
  opts: { path?: string; headers?: Record<string, string>; autoPong?: boolean } = {},
): Promise<WsClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${opts.path ?? "/ws"}`, {
    headers: opts.headers ?? {},
    autoPong: opts.autoPong ?? true,
    perMessageDeflate: false,
  });
  const frames: Frame[] = [];
  const texts: string[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    const text = data.toString();
    texts.push(text);
    try {
      frames.push(JSON.parse(text) as Frame);
    } catch {
      frames.push({ unparsable: text });
    }
    for (const w of [...waiters]) w();
  });
  ws.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  let id = 0;
  const next = (pred: (f: Frame) => boolean, timeoutMs = 5000, from = 0): Promise<Frame> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const f = frames.slice(from).find(pred);
        if (f === undefined) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(f);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 500)}`),
        );
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  return {
    ws,
    frames,
    texts,
    async call(method, params) {
      const myId = ++id;
      const body =
        params === undefined
          ? { jsonrpc: "2.0", id: myId, method }
          : { jsonrpc: "2.0", id: myId, method, params };
      ws.send(JSON.stringify(body));
      return (await next((f) => !Array.isArray(f) && f.id === myId)) as Record<string, unknown>;
    },
    send(data, binary = false) {
      ws.send(data, { binary });
    },
    next,
    notifications(subId) {
      return frames
        .filter(
          (f): f is Record<string, unknown> =>
            !Array.isArray(f) &&
            f.method === "eth_subscription" &&
            (f.params as { subscription?: unknown }).subscription === subId,
        )
        .map((f) => (f.params as { result: unknown }).result);
    },
    closed,
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}

/** Polls `cond` until it holds (or fails after `timeoutMs`). */
export async function eventually(cond: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
