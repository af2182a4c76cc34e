import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ThetaError } from "@theta/core-types";
import { parseList } from "@theta/platform-node";
import type { DestinationStream } from "pino";
import type { BuildInfo } from "../buildInfo.ts";
import type { ChainComponent, ChainFactory } from "../chain.ts";
import { loadConfig } from "../config/loadConfig.ts";
import { listKeyFiles, nodeKeyDir } from "../keys/keyFiles.ts";
import { type AskPassword, loadOrCreateNodeKey, NodeKeyErrorCode } from "../keys/loadNodeKey.ts";
import type { NodeKey, NodeKeyCodec } from "../keys/nodeKeyCodec.ts";
import { createNodeLogger, parseLogLevels } from "../log/logger.ts";
import { createMetricsServer, type MetricsServer } from "../metrics/metricsServer.ts";
import { createNodeMetrics } from "../metrics/nodeMetrics.ts";
import { listenOn } from "../portInUse.ts";
import { getVersionMethod } from "../rpc/methods/getVersion.ts";
import { createRpcRegistry, type RpcRegistry } from "../rpc/registry.ts";
import { createRpcServer, type RpcServer } from "../rpc/server.ts";
import type { NodePaths } from "./globalOptions.ts";

/** Stable codes of `theta start` failures other than config and key errors. */
export const StartErrorCode = {
  Unsupported: "START_UNSUPPORTED_FLAG",
  PortClash: "START_PORT_CLASH",
} as const;

/** What `theta start` needs from the outside world. */
export interface StartDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly ask: AskPassword;
  /** Prints a line for the operator (stdout). */
  readonly say: (line: string) => void;
  /** The encrypted-keystore codec; undefined until @theta/crypto's keystore is wired in. */
  readonly codec: NodeKeyCodec | undefined;
  readonly buildInfo: BuildInfo;
  /** Where JSON log lines go (stdout by default). */
  readonly logDestination?: DestinationStream;
  /** The chain wiring; absent until the ledger, consensus and storage are composed. */
  readonly chain?: ChainFactory;
}

/** What `theta start` was asked for beyond the paths. */
export interface StartOpts {
  readonly paths: NodePaths;
  readonly password: string | undefined;
  readonly chainImport?: string | undefined;
  readonly chainCorrection?: string | undefined;
}

/** A started node. */
export interface RunningNode {
  /** The method registry; the chain wiring registers the ledger-backed methods here. */
  readonly registry: RpcRegistry;
  readonly rpcAddress: { readonly address: string; readonly port: number } | undefined;
  /** The Ethereum port's listener (rpc.ethPort), when configured. */
  readonly ethRpcAddress: { readonly address: string; readonly port: number } | undefined;
  readonly metricsAddress: { readonly address: string; readonly port: number } | undefined;
  /** Closes the servers and flushes the logs. */
  stop(reason: string): Promise<void>;
}

/**
 * `theta start`: loads config.yaml (+ `THETA_*`), sets up logging, handles the node key,
 * starts the metrics server, lets the chain (if given) register its RPC methods, starts the RPC
 * server, then the chain. Without a chain (the state today) the node logs exactly that.
 */
export async function startNode(deps: StartDeps, opts: StartOpts): Promise<RunningNode> {
  if ((opts.chainImport !== undefined || opts.chainCorrection !== undefined) && deps.chain === undefined) {
    throw new ThetaError(
      StartErrorCode.Unsupported,
      "--chain_import and --chain_correction need the chain, which this start was given none of",
    );
  }
  const configFile = join(opts.paths.configDir, "config.yaml");
  const yamlText = await readFile(configFile, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (yamlText !== undefined) deps.say(`Using config file: ${configFile}`);
  const config = loadConfig(
    yamlText === undefined
      ? { env: deps.env }
      : { yaml: { text: yamlText, file: configFile }, env: deps.env },
  );
  if (config["rpc.enabled"] && config["rpc.ethPort"] !== 0 && config["rpc.ethPort"] === config["rpc.port"]) {
    throw new ThetaError(
      StartErrorCode.PortClash,
      `rpc.ethPort (${config["rpc.ethPort"]}) must differ from rpc.port: the Ethereum port is a second listener (0 turns it off)`,
    );
  }
  const logger = createNodeLogger(parseLogLevels(config["log.levels"]), deps.logDestination);
  const log = logger.forModule("node");
  deps.say(`Version ${deps.buildInfo.version}, GitHash ${deps.buildInfo.gitHash}`);
  deps.say(`Built at ${deps.buildInfo.timestamp}`);

  let nodeKey: NodeKey | undefined;
  if (deps.codec !== undefined) {
    const { key, created } = await loadOrCreateNodeKey(
      { codec: deps.codec, ask: deps.ask, say: deps.say },
      opts.password === undefined
        ? { keyRoot: opts.paths.keyRoot }
        : { keyRoot: opts.paths.keyRoot, password: opts.password },
    );
    log.info({ address: key.address, created }, "node key unlocked");
    nodeKey = key;
  } else {
    const dir = nodeKeyDir(opts.paths.keyRoot);
    const files = await listKeyFiles(dir);
    if (files.length > 1) {
      throw new ThetaError(
        NodeKeyErrorCode.MultipleKeys,
        `Multiple encrypted keys detected under ${dir}. Please keep only one key.`,
      );
    }
    log.warn({ dir, keyFiles: files.length }, "node key NOT loaded: no keystore codec was given");
  }

  const registry = createRpcRegistry();
  registry.register(getVersionMethod(deps.buildInfo));
  const metrics = createNodeMetrics({ knownMethods: () => registry.names() });
  let metricsServer: MetricsServer | undefined;
  let metricsAddress: RunningNode["metricsAddress"];
  let rpcServer: RpcServer | undefined;
  let rpcAddress: RunningNode["rpcAddress"];
  let ethRpcServer: RpcServer | undefined;
  let ethRpcAddress: RunningNode["ethRpcAddress"];
  let chain: ChainComponent | undefined;
  try {
    if (deps.chain !== undefined) {
      chain = await deps.chain({
        config,
        paths: opts.paths,
        logger,
        metrics,
        nodeKey,
        chainImport: { dir: opts.chainImport, correctionFile: opts.chainCorrection },
      });
      chain.registerRpc(registry);
    }
    if (config["metrics.enabled"]) {
      const where = { address: config["metrics.address"], port: config["metrics.port"] };
      const server = createMetricsServer({ registry: metrics.registry }, where);
      metricsServer = server;
      metricsAddress = await listenOn("metrics.port", where, () => server.listen());
      log.info(metricsAddress, "metrics listening (GET /metrics)");
    }
    if (config["rpc.enabled"]) {
      const rpcLog = logger.forModule("rpc");
      const rpcDeps = {
        registry,
        observe: (method: string, seconds: number, outcome: "ok" | "error") =>
          metrics.observeRpc(method, seconds, outcome),
        onInternalError: (e: unknown) => rpcLog.error({ err: e }, "RPC request failed inside the server"),
      };
      const rpcOpts = {
        address: config["rpc.address"],
        port: config["rpc.port"],
        maxBodyBytes: config["rpc.maxBodyBytes"],
        timeoutMs: config["rpc.timeoutSecs"] * 1000,
        maxConnections: config["rpc.maxConnections"],
        idleTimeoutMs: config["rpc.idleTimeoutSecs"] * 1000,
        allowedHosts: parseList(config["rpc.allowedHosts"]),
        allowedOrigins: parseList(config["rpc.allowedOrigins"]),
      };
      const server = createRpcServer(rpcDeps, rpcOpts);
      rpcServer = server;
      rpcAddress = await listenOn("rpc.port", rpcOpts, () => server.listen());
      rpcLog.info({ ...rpcAddress, methods: registry.names() }, "rpc listening (POST /rpc, WebSocket /ws)");
      if (config["rpc.ethPort"] !== 0) {
        const ethOpts = { ...rpcOpts, port: config["rpc.ethPort"], rootIsRpc: true };
        const ethServer = createRpcServer(rpcDeps, ethOpts);
        ethRpcServer = ethServer;
        ethRpcAddress = await listenOn("rpc.ethPort", ethOpts, () => ethServer.listen());
        rpcLog.info(
          ethRpcAddress,
          "rpc listening on the Ethereum port (POST / and /rpc, WebSocket / and /ws)",
        );
      }
    } else {
      log.info("rpc disabled (rpc.enabled is false)");
    }
    if (chain !== undefined) {
      await chain.start();
      log.info({ methods: registry.names() }, "chain started");
    } else {
      log.warn(
        { snapshot: opts.paths.snapshot, data: opts.paths.dataRoot },
        "chain NOT wired yet: no snapshot import, database, p2p, consensus or block production; RPC serves theta.GetVersion only",
      );
    }
  } catch (e) {
    await Promise.all([
      metricsServer?.close(),
      rpcServer?.close(),
      ethRpcServer?.close(),
      chain?.stop().catch(() => undefined),
    ]);
    throw e;
  }

  return {
    registry,
    rpcAddress,
    ethRpcAddress,
    metricsAddress,
    async stop(reason) {
      log.info({ reason }, "shutting down");
      await Promise.all([rpcServer?.close(), ethRpcServer?.close()]);
      await chain?.stop();
      await metricsServer?.close();
      log.info("stopped");
      logger.flush();
    },
  };
}
