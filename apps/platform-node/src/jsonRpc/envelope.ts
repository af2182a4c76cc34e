/**
 * The JSON-RPC 2.0 envelope rules both apps' servers apply (docs/interfaces.md §1.2): which request
 * objects are calls, notifications or invalid, and how a response is written.
 */

/** A JSON-RPC request id as echoed back: a number, a string or null. */
export type RpcId = number | string | null;

/** One request object after the envelope rules were applied. */
export type RpcCall =
  | { readonly kind: "call"; readonly id: RpcId; readonly method: string; readonly params: unknown }
  | { readonly kind: "notification"; readonly method: string; readonly params: unknown }
  | { readonly kind: "invalid" };

/** The JSON shape of a JSON-RPC error object. */
export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** Result of dispatching one call. */
export type JsonRpcOutcome<R = unknown> = { readonly result: R } | { readonly error: JsonRpcErrorObject };

/** The error object for a request that breaks the envelope rules (reply id is always null). */
export const INVALID_REQUEST: JsonRpcErrorObject = { code: -32600, message: "invalid request" };

/** The error object for a body that is not JSON. */
export const PARSE_ERROR: JsonRpcErrorObject = { code: -32700, message: "parse error" };

const ALLOWED_MEMBERS: ReadonlySet<string> = new Set(["jsonrpc", "method", "params", "id"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Applies the strict envelope rules to one decoded JSON value: `jsonrpc` must be the string
 * "2.0" and `method` a string; only `jsonrpc`, `method`, `params` and `id` may appear; `params`,
 * when present, must be an array or an object (null is rejected, as the reference does); `id`
 * must be a number, a string or null. An absent `id` makes a notification; `"id": null` does not.
 * `params` is `undefined` when the member is absent.
 */
export function parseCall(value: unknown): RpcCall {
  if (!isPlainObject(value)) return { kind: "invalid" };
  for (const key of Object.keys(value)) {
    if (!ALLOWED_MEMBERS.has(key)) return { kind: "invalid" };
  }
  if (value.jsonrpc !== "2.0" || typeof value.method !== "string") return { kind: "invalid" };
  const method = value.method;
  const hasParams = Object.hasOwn(value, "params");
  const params = value.params;
  if (hasParams && (typeof params !== "object" || params === null)) return { kind: "invalid" };
  if (!Object.hasOwn(value, "id")) return { kind: "notification", method, params };
  const id = value.id;
  if (id !== null && typeof id !== "number" && typeof id !== "string") return { kind: "invalid" };
  return { kind: "call", id, method, params };
}

/**
 * A response, members in the order jsonrpc, id, result | error. `resultJSON` writes the result
 * (JSON.stringify by default; it may throw for a value JSON cannot carry). A result of
 * `undefined` is written as null, as a Go method with an empty reply would answer.
 */
export function responseJSON<R>(
  id: RpcId,
  outcome: JsonRpcOutcome<R>,
  resultJSON: (result: R) => string = defaultResultJSON,
): string {
  const idJSON = JSON.stringify(id);
  if ("error" in outcome) {
    return `{"jsonrpc":"2.0","id":${idJSON},"error":${errorJSON(outcome.error)}}`;
  }
  const resultText = outcome.result === undefined ? "null" : resultJSON(outcome.result);
  return `{"jsonrpc":"2.0","id":${idJSON},"result":${resultText}}`;
}

/** A notification `{"jsonrpc":"2.0","method":…,"params":…}` (the server-to-client push of subscriptions). */
export function notificationJSON(method: string, paramsJSON: string): string {
  return `{"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":${paramsJSON}}`;
}

function defaultResultJSON(result: unknown): string {
  const text = JSON.stringify(result);
  if (text === undefined) throw new TypeError(`a ${typeof result} cannot be written as JSON`);
  return text;
}

function errorJSON(e: JsonRpcErrorObject): string {
  const base = `{"code":${JSON.stringify(e.code)},"message":${JSON.stringify(e.message)}`;
  if (e.data === undefined) return `${base}}`;
  return `${base},"data":${JSON.stringify(e.data) ?? "null"}}`;
}
