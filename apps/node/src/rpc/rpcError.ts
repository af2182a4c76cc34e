import { ThetaError } from "@theta/core-types";

/** JSON-RPC 2.0 error codes the server emits (docs/interfaces.md §1.2). */
export const RpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  HandlerError: -32000,
} as const;

/** One of the numeric JSON-RPC error codes above. */
export type RpcErrorCode = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

/** Stable ThetaError codes for RPC failures, one per JSON-RPC code. */
export const RpcThetaCode = {
  ParseError: "RPC_PARSE_ERROR",
  InvalidRequest: "RPC_INVALID_REQUEST",
  MethodNotFound: "RPC_METHOD_NOT_FOUND",
  InvalidParams: "RPC_INVALID_PARAMS",
  InternalError: "RPC_INTERNAL_ERROR",
  HandlerError: "RPC_HANDLER_ERROR",
} as const;

/** One of the ThetaError codes above. */
export type RpcThetaCode = (typeof RpcThetaCode)[keyof typeof RpcThetaCode];

const THETA_CODE_OF: Readonly<Record<RpcErrorCode, RpcThetaCode>> = {
  [RpcErrorCode.ParseError]: RpcThetaCode.ParseError,
  [RpcErrorCode.InvalidRequest]: RpcThetaCode.InvalidRequest,
  [RpcErrorCode.MethodNotFound]: RpcThetaCode.MethodNotFound,
  [RpcErrorCode.InvalidParams]: RpcThetaCode.InvalidParams,
  [RpcErrorCode.InternalError]: RpcThetaCode.InternalError,
  [RpcErrorCode.HandlerError]: RpcThetaCode.HandlerError,
};

/**
 * An error that becomes a JSON-RPC error object. Handlers may throw it to choose the code;
 * anything else a handler throws becomes -32000 with the thrown message.
 */
export class RpcError extends ThetaError<RpcThetaCode> {
  readonly rpcCode: RpcErrorCode;
  readonly data: unknown;

  constructor(rpcCode: RpcErrorCode, message: string, data?: unknown) {
    super(THETA_CODE_OF[rpcCode], message);
    this.name = "RpcError";
    this.rpcCode = rpcCode;
    this.data = data;
  }
}

/** The JSON shape of a JSON-RPC error object, members in the reference's order. */
export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** Converts anything thrown by a handler into the error object sent on the wire. */
export function toErrorObject(e: unknown): RpcErrorObject {
  if (e instanceof RpcError) {
    return e.data === undefined
      ? { code: e.rpcCode, message: e.message }
      : { code: e.rpcCode, message: e.message, data: e.data };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: RpcErrorCode.HandlerError, message };
}
