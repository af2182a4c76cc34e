/**
 * `theta`, the node: config, composition root, JSON-RPC server, logs and metrics.
 *
 * @packageDocumentation
 */

export {
  createPasswordPrompter,
  nodeScrypt,
  PasswordInputErrorCode,
  type PromptInput,
  type ScryptParams,
} from "@theta/platform-node";
export { type BuildInfo, formatDateUTC, readBuildInfo } from "./buildInfo.ts";
export type { ChainComponent, ChainDeps, ChainFactory } from "./chain.ts";
export { buildCli, runCli } from "./cli.ts";
export { type GlobalFlags, type NodePaths, resolvePassword, resolvePaths } from "./cmds/globalOptions.ts";
export { INIT_CONFIG_YAML, InitErrorCode, initConfigDir } from "./cmds/init.ts";
export { type RunningNode, type StartDeps, StartErrorCode, type StartOpts, startNode } from "./cmds/start.ts";
export { versionText } from "./cmds/version.ts";
export { renderConfigTable } from "./config/configTable.ts";
export { CONFIG_KEYS, type ConfigKey, type KeySpec, type KeyStatus, type NodeConfig } from "./config/keys.ts";
export { ConfigErrorCode, type ConfigSources, envNameOf, loadConfig } from "./config/loadConfig.ts";
export type { ValueKind } from "./config/values.ts";
export {
  type CryptoNodeKeyCodecDeps,
  createCryptoNodeKeyCodec,
  defaultNodeKeyCodec,
  nodeRandom,
} from "./keys/cryptoNodeKeyCodec.ts";
export { listKeyFiles, nodeKeyDir, readKeyFile, writeKeyFile } from "./keys/keyFiles.ts";
export {
  type AskPassword,
  loadOrCreateNodeKey,
  type NodeKeyDeps,
  NodeKeyErrorCode,
  PROMPTS,
} from "./keys/loadNodeKey.ts";
export type { NodeKey, NodeKeyCodec } from "./keys/nodeKeyCodec.ts";
export {
  CONFIG_LOG_LEVELS,
  createNodeLogger,
  type LogLevels,
  type NodeLogger,
  parseLogLevels,
} from "./log/logger.ts";
export { createMetricsServer, type MetricsServer } from "./metrics/metricsServer.ts";
export { createNodeMetrics, type NodeMetrics } from "./metrics/nodeMetrics.ts";
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
