/**
 * One request body (already size-checked) → the reply: single calls, batches, notifications,
 * parse errors. Transport-free: the node's HTTP and WebSocket endpoints and the thetacli daemon
 * all answer through here.
 */
import { INVALID_REQUEST, type JsonRpcOutcome, PARSE_ERROR, parseCall, responseJSON } from "./envelope.ts";

/** Called once per dispatched call with its method name, duration and outcome. */
export type JsonRpcObserver = (method: string, seconds: number, outcome: "ok" | "error") => void;

/** What the transport should send back for one body. */
export type BodyReply =
  | { readonly kind: "reply"; readonly body: string; readonly closeConnection: boolean }
  | { readonly kind: "empty" };

/** What {@link handleJsonRpcBody} runs calls with. */
export interface JsonRpcCore<C, R = unknown> {
  /** Runs one call; never throws (failures are `{error}` outcomes). */
  readonly dispatch: (method: string, params: unknown, ctx: C) => Promise<JsonRpcOutcome<R>>;
  /** Writes a result as JSON text; may throw for a value JSON cannot carry (JSON.stringify by default). */
  readonly resultJSON?: (result: R) => string;
  /** Monotonic seconds, for the observer. */
  readonly now?: () => number;
  readonly observe?: JsonRpcObserver;
}

/**
 * Turns one request body into the reply: parse error (and close the connection), a single
 * response, a batch array (notifications omitted; an empty batch is one -32600) or nothing at
 * all when only notifications were sent. Every reply ends with `\n`. Never throws.
 */
export async function handleJsonRpcBody<C, R>(
  core: JsonRpcCore<C, R>,
  body: string,
  ctx: C,
): Promise<BodyReply> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: "reply", body: `${responseJSON(null, { error: PARSE_ERROR })}\n`, closeConnection: true };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return {
        kind: "reply",
        body: `${responseJSON(null, { error: INVALID_REQUEST })}\n`,
        closeConnection: false,
      };
    }
    const replies = await Promise.all(value.map((item) => handleOne(core, item, ctx)));
    const sent = replies.filter((r): r is string => r !== undefined);
    if (sent.length === 0) return { kind: "empty" };
    return { kind: "reply", body: `[${sent.join(",")}]\n`, closeConnection: false };
  }
  const reply = await handleOne(core, value, ctx);
  if (reply === undefined) return { kind: "empty" };
  return { kind: "reply", body: `${reply}\n`, closeConnection: false };
}

async function handleOne<C, R>(core: JsonRpcCore<C, R>, value: unknown, ctx: C): Promise<string | undefined> {
  const call = parseCall(value);
  if (call.kind === "invalid") return responseJSON(null, { error: INVALID_REQUEST });
  const started = core.now?.() ?? 0;
  let outcome: JsonRpcOutcome<R>;
  try {
    outcome = await core.dispatch(call.method, call.params, ctx);
  } catch (e) {
    // dispatch promises never to throw; one that does is a server bug, answered as such.
    outcome = { error: { code: -32603, message: `internal error: ${(e as Error)?.message ?? String(e)}` } };
  }
  let reply: string | undefined;
  if (call.kind === "call") {
    try {
      reply = responseJSON(call.id, outcome, core.resultJSON);
    } catch (e) {
      // A result that JSON cannot carry (e.g. a bigint) is a server bug, reported as such.
      const message = `internal error: result of ${call.method} is not serialisable (${(e as Error).message})`;
      reply = responseJSON(call.id, { error: { code: -32603, message } });
    }
  }
  if (core.observe !== undefined && core.now !== undefined) {
    core.observe(call.method, core.now() - started, "error" in outcome ? "error" : "ok");
  }
  return reply;
}
