import { stringifyJson } from "./json/jsonText.ts";
import { RpcErrorCode, type RpcErrorObject } from "./rpcError.ts";

/** A JSON-RPC request id as echoed back: a number, a string or null. */
export type RpcId = number | string | null;

/** One request object after the envelope rules of interfaces.md §1.2 were applied. */
export type RpcCall =
  | { readonly kind: "call"; readonly id: RpcId; readonly method: string; readonly params: unknown }
  | { readonly kind: "notification"; readonly method: string; readonly params: unknown }
  | { readonly kind: "invalid" };

const ALLOWED_MEMBERS: ReadonlySet<string> = new Set(["jsonrpc", "method", "params", "id"]);

/** The error object for a request that breaks the envelope rules (reply id is always null). */
export const INVALID_REQUEST: RpcErrorObject = {
  code: RpcErrorCode.InvalidRequest,
  message: "invalid request",
};

/** The error object for a body that is not JSON. */
export const PARSE_ERROR: RpcErrorObject = { code: RpcErrorCode.ParseError, message: "parse error" };

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
 * A response, serialised with the reference's member order: jsonrpc, id, result | error. The
 * result goes through {@link stringifyJson}, so it may hold `JsonNumber`s; a value JSON cannot
 * carry exactly (e.g. a bigint) throws a TypeError.
 */
export function responseJSON(id: RpcId, outcome: { result: unknown } | { error: RpcErrorObject }): string {
  const idJSON = JSON.stringify(id);
  if ("error" in outcome) {
    return `{"jsonrpc":"2.0","id":${idJSON},"error":${errorJSON(outcome.error)}}`;
  }
  // A handler returning undefined answers null, as a Go method with an empty reply would.
  const resultJSON = outcome.result === undefined ? "null" : stringifyJson(outcome.result);
  return `{"jsonrpc":"2.0","id":${idJSON},"result":${resultJSON}}`;
}

function errorJSON(e: RpcErrorObject): string {
  const base = `{"code":${JSON.stringify(e.code)},"message":${JSON.stringify(e.message)}`;
  if (e.data === undefined) return `${base}}`;
  return `${base},"data":${JSON.stringify(e.data) ?? "null"}}`;
}
