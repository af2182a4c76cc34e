import { INVALID_REQUEST, PARSE_ERROR, parseCall, responseJSON } from "./envelope.ts";
import type { RpcContext, RpcRegistry } from "./registry.ts";

/** Called once per dispatched call with its method name, duration and outcome. */
export type RpcObserver = (method: string, seconds: number, outcome: "ok" | "error") => void;

/** What the HTTP layer should send back for one body. */
export type BodyReply =
  | { readonly kind: "reply"; readonly body: string; readonly closeConnection: boolean }
  | { readonly kind: "empty" };

/** Dependencies of {@link handleRpcBody}. */
export interface HandleBodyDeps {
  readonly registry: RpcRegistry;
  /** Monotonic seconds, for the latency observer. */
  readonly now: () => number;
  readonly observe?: RpcObserver;
}

/**
 * Turns one request body (already size-checked) into the reply: parse error (and close the
 * connection), a single response, a batch array (notifications omitted) or nothing at all when
 * only notifications were sent. Every reply ends with `\n`. Never throws.
 */
export async function handleRpcBody(deps: HandleBodyDeps, body: string, ctx: RpcContext): Promise<BodyReply> {
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
    const replies = await Promise.all(value.map((item) => handleOne(deps, item, ctx)));
    const sent = replies.filter((r): r is string => r !== undefined);
    if (sent.length === 0) return { kind: "empty" };
    return { kind: "reply", body: `[${sent.join(",")}]\n`, closeConnection: false };
  }
  const reply = await handleOne(deps, value, ctx);
  if (reply === undefined) return { kind: "empty" };
  return { kind: "reply", body: `${reply}\n`, closeConnection: false };
}

async function handleOne(deps: HandleBodyDeps, value: unknown, ctx: RpcContext): Promise<string | undefined> {
  const call = parseCall(value);
  if (call.kind === "invalid") return responseJSON(null, { error: INVALID_REQUEST });
  const started = deps.now();
  const outcome = await deps.registry.dispatch(call.method, call.params, ctx);
  let reply: string;
  if (call.kind === "call") {
    try {
      reply = responseJSON(call.id, outcome);
    } catch (e) {
      // A result that JSON cannot carry (e.g. a bigint) is a server bug, reported as such.
      const message = `internal error: result of ${call.method} is not serialisable (${(e as Error).message})`;
      reply = responseJSON(call.id, { error: { code: -32603, message } });
    }
  }
  deps.observe?.(call.method, deps.now() - started, "error" in outcome ? "error" : "ok");
  return call.kind === "call" ? reply! : undefined;
}
