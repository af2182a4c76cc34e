/**
 * `theta`, the node: config, composition root, JSON-RPC server, logs and metrics.
 *
 * @packageDocumentation
 */

export { type BuildInfo, formatDateUTC, readBuildInfo } from "./buildInfo.ts";
export {
  INVALID_REQUEST,
  PARSE_ERROR,
  parseCall,
  type RpcCall,
  type RpcId,
  responseJSON,
} from "./rpc/envelope.ts";
export { type BodyReply, type HandleBodyDeps, handleRpcBody, type RpcObserver } from "./rpc/handleBody.ts";
export { type GetVersionResult, getVersionMethod } from "./rpc/methods/getVersion.ts";
export {
  createRpcRegistry,
  type RpcContext,
  type RpcMethod,
  type RpcOutcome,
  type RpcRegistry,
} from "./rpc/registry.ts";
export { RpcError, RpcErrorCode, type RpcErrorObject, RpcThetaCode, toErrorObject } from "./rpc/rpcError.ts";
export {
  createRpcServer,
  ROOT_TEXT,
  type RpcServer,
  type RpcServerDeps,
  type RpcServerOpts,
  TIMEOUT_BODY,
} from "./rpc/server.ts";
