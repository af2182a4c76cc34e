/** The node's binding of the shared JSON-RPC body handling to its registry. */
import { type BodyReply, handleJsonRpcBody, type JsonRpcObserver } from "@theta/platform-node";
import { stringifyJson } from "./json/jsonText.ts";
import type { RpcContext, RpcRegistry } from "./registry.ts";

export type { BodyReply } from "@theta/platform-node";

/** Called once per dispatched call with its method name, duration and outcome. */
export type RpcObserver = JsonRpcObserver;

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
export function handleRpcBody(deps: HandleBodyDeps, body: string, ctx: RpcContext): Promise<BodyReply> {
  const core = {
    dispatch: (method: string, params: unknown, c: RpcContext) => deps.registry.dispatch(method, params, c),
    resultJSON: stringifyJson,
    now: deps.now,
  };
  return handleJsonRpcBody(deps.observe === undefined ? core : { ...core, observe: deps.observe }, body, ctx);
}
