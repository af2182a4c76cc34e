import type { z } from "zod";
import { RpcError, RpcErrorCode, type RpcErrorObject, toErrorObject } from "./rpcError.ts";

/** A long-lived connection (WebSocket) a call arrived on: subscriptions push through it. */
export interface RpcConnection {
  /** Sends a JSON-RPC notification `{"jsonrpc":"2.0","method":…,"params":…}`; false once closed. */
  notify(method: string, params: unknown): boolean;
  /** Runs `cleanup` when the connection closes (at once if it already has). */
  onClose(cleanup: () => void): void;
}

/** What a handler gets besides its arguments. */
export interface RpcContext {
  /** Aborted when the request times out or the client goes away. */
  readonly signal: AbortSignal;
  /** The WebSocket connection of the call; undefined over HTTP. */
  readonly connection?: RpcConnection;
}

/**
 * One JSON-RPC method. `params` validates the argument object (after list-style or named-style
 * unwrapping); its output is what the handler receives. Object schemas strip unknown members,
 * as the reference ignores them; field types are checked strictly.
 */
export interface RpcMethod<S extends z.ZodType = z.ZodType> {
  /** Full, case-sensitive name, e.g. `theta.GetVersion`. */
  readonly name: string;
  readonly params: S;
  readonly handler: (args: z.output<S>, ctx: RpcContext) => unknown;
  /** One line for the README and logs. */
  readonly summary: string;
  /**
   * Ethereum style: `params` is a positional array validated as a whole by a tuple schema (absent
   * params are `[]`), and these names label its elements in -32602 messages.
   */
  readonly positional?: readonly string[];
}

/** Result of dispatching one call. */
export type RpcOutcome = { readonly result: unknown } | { readonly error: RpcErrorObject };

/** The method table of the server; the chain wiring registers its methods into it later. */
export interface RpcRegistry {
  /** Adds a method; a second method with the same name is a programming error. */
  register<S extends z.ZodType>(method: RpcMethod<S>): void;
  /** Registered method names, sorted. */
  names(): readonly string[];
  /** Looks a method up, decodes its params and runs it. Never throws. */
  dispatch(method: string, params: unknown, ctx: RpcContext): Promise<RpcOutcome>;
}

/** Creates an empty method registry. */
export function createRpcRegistry(): RpcRegistry {
  const methods = new Map<string, RpcMethod>();
  const services = new Set<string>();
  /** `names()`, sorted once per change (the metrics ask on every call). */
  let sortedNames: readonly string[] | undefined;

  function notFound(name: string): RpcErrorObject {
    const dot = name.lastIndexOf(".");
    if (dot < 0 && name.includes("_")) {
      return {
        code: RpcErrorCode.MethodNotFound,
        message: `the method ${name} does not exist/is not available`,
      };
    }
    if (dot < 0) {
      return {
        code: RpcErrorCode.MethodNotFound,
        message: `rpc: service/method request ill-formed: ${name}`,
      };
    }
    if (!services.has(name.slice(0, dot))) {
      return { code: RpcErrorCode.MethodNotFound, message: `rpc: can't find service ${name}` };
    }
    return { code: RpcErrorCode.MethodNotFound, message: `rpc: can't find method ${name}` };
  }

  return {
    register(method) {
      if (methods.has(method.name)) {
        throw new RpcError(RpcErrorCode.InternalError, `RPC method ${method.name} is registered twice`);
      }
      methods.set(method.name, method as unknown as RpcMethod);
      sortedNames = undefined;
      const dot = method.name.lastIndexOf(".");
      if (dot > 0) services.add(method.name.slice(0, dot));
    },
    names() {
      sortedNames ??= [...methods.keys()].sort();
      return sortedNames;
    },
    async dispatch(name, params, ctx) {
      const method = methods.get(name);
      if (method === undefined) return { error: notFound(name) };
      const decoded = decodeParams(method, params);
      if (!decoded.ok) return { error: { code: RpcErrorCode.InvalidParams, message: decoded.message } };
      try {
        return { result: await method.handler(decoded.args, ctx) };
      } catch (e) {
        return { error: toErrorObject(e) };
      }
    },
  };
}

type Decoded =
  | { readonly ok: true; readonly args: unknown }
  | { readonly ok: false; readonly message: string };

/**
 * List style `[ {args} ]` is tried first (only the first element counts; an empty list or a null
 * element means all-default args), then named style `{args}`; when both fail the named-style
 * error is reported. Absent params mean all-default args.
 */
function decodeParams(method: RpcMethod, params: unknown): Decoded {
  if (method.positional !== undefined) return checkPositional(method, method.positional, params ?? []);
  if (params === undefined) return check(method, {});
  if (Array.isArray(params)) {
    const first: unknown = params[0] ?? {};
    const listStyle = check(method, first);
    if (listStyle.ok) return listStyle;
  }
  return check(method, params);
}

function checkPositional(method: RpcMethod, names: readonly string[], value: unknown): Decoded {
  if (!Array.isArray(value)) {
    return { ok: false, message: `invalid params for ${method.name}: expected a JSON array of arguments` };
  }
  if (value.length > names.length) {
    return {
      ok: false,
      message: `too many arguments for ${method.name}, want at most ${names.length} (${names.join(", ")})`,
    };
  }
  const parsed = method.params.safeParse(value);
  if (parsed.success) return { ok: true, args: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue === undefined) return { ok: false, message: `invalid params for ${method.name}` };
  if (issue.path.length === 0 && issue.code === "too_small" && value.length < names.length) {
    return {
      ok: false,
      message: `missing value for required argument ${value.length} (${names[value.length]})`,
    };
  }
  const [index, ...rest] = issue.path;
  if (typeof index !== "number")
    return { ok: false, message: `invalid params for ${method.name}: ${issue.message}` };
  const member = rest.length === 0 ? "" : ` member "${rest.map(String).join(".")}"`;
  const name = names[index] ?? String(index);
  const missing = index >= value.length ? "missing value" : issue.message;
  return { ok: false, message: `invalid argument ${index} (${name})${member}: ${missing}` };
}

function check(method: RpcMethod, value: unknown): Decoded {
  const parsed = method.params.safeParse(value);
  if (parsed.success) return { ok: true, args: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue === undefined) return { ok: false, message: `invalid params for ${method.name}` };
  const where =
    issue.path.length === 0
      ? `arguments of ${method.name}`
      : `argument "${issue.path.map(String).join(".")}"`;
  return { ok: false, message: `invalid ${where}: ${issue.message}` };
}
