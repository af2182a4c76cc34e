/** A compact way to declare an Ethereum-style (positional) JSON-RPC method. */
import { z } from "zod";
import type { RpcContext, RpcMethod } from "../registry.ts";
import { RpcError, RpcErrorCode } from "../rpcError.ts";

/** Named positional parameters: `[["address", addressArg], ["block", optionalBlockArg]]`. */
type Params = readonly (readonly [string, z.ZodType])[];

type Outputs<P extends Params> = {
  -readonly [K in keyof P]: P[K] extends readonly [string, infer S extends z.ZodType] ? z.output<S> : never;
};

/** Declares `name` with positional `params` (trailing optional ones may be left out by the caller). */
export function ethMethod<const P extends Params>(
  name: string,
  summary: string,
  params: P,
  handler: (args: Outputs<P>, ctx: RpcContext) => unknown,
): RpcMethod {
  const schema = z.tuple(params.map(([, s]) => s) as unknown as [z.ZodType, ...z.ZodType[]]);
  return {
    name,
    summary,
    params: params.length === 0 ? z.tuple([]) : schema,
    positional: params.map(([n]) => n),
    handler: (args, ctx) => handler(args as Outputs<P>, ctx),
  };
}

/** A -32602 error raised by a handler (a value that is well-formed but not acceptable). */
export function invalidParams(message: string): RpcError {
  return new RpcError(RpcErrorCode.InvalidParams, message);
}
