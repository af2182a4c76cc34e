/**
 * The chain composition behind `theta start` (the `ChainFactory` seam of src/chain.ts): opens
 * LevelDB under `<data>/db/main`, the versioned state with the configured pruning window, the
 * block store, tx index and last-vote store; imports the snapshot on first start; runs block
 * production (ledger, mempool, validator engine: a single validator when the node key is the
 * only validator, a follower when it is not a validator); serves the `theta.*` RPC methods
 * through the ChainQuery facade; keeps the chain metrics current; stops the engine and closes
 * the database on stop. Without p2p the node runs alone (no peers).
 */
import { ThetaError } from "@theta/core-types";
import type { SignatureWorkerPool } from "@theta/platform-node";
import { createChainBackups, runChainImport } from "../backup/chainBackupService.ts";
import type { ChainComponent, ChainDeps, ChainFactory } from "../chain.ts";
import type { ChainQuery } from "../rpc/chainQuery.ts";
import type { EthChain } from "../rpc/eth/ethChain.ts";
import { registerBackupRpc } from "../rpc/registerBackupRpc.ts";
import type { RpcRegistry } from "../rpc/registry.ts";
import { createBlockProduction } from "./blockProduction.ts";
import { createChainReads } from "./chainReads.ts";
import { ComposeErrorCode, openChainStorage } from "./chainStorage.ts";
import { createNodeNetwork } from "./network.ts";
import { startSignatureThreads } from "./signatureThreads.ts";

export { ComposeErrorCode, mainDbDir } from "./chainStorage.ts";

/** Options of the chain factory. */
export interface ChainFactoryOptions {
  /** Registers the chain-backed `theta.*` methods (the RPC package's `registerChainRpc`). */
  readonly registerRpc: (
    registry: RpcRegistry,
    query: ChainQuery,
    config: ChainDeps["config"],
    eth: EthChain,
  ) => void;
  /** `web3_clientVersion` (default `theta-ts`). */
  readonly clientVersion?: string;
  /** Unix milliseconds now (real time by default). */
  readonly now?: () => number;
  /** Guardian and EEN gossip round length (default: `guardian.roundLength`, the reference's 30 s). */
  readonly guardianRoundMs?: number;
}

/** The composed chain: the seam's component plus the facade (for tests and tools). */
export interface ComposedChain extends ChainComponent {
  readonly query: ChainQuery;
  readonly eth: EthChain;
}

/** Builds the chain for `theta start`. */
export function createChainFactory(opts: ChainFactoryOptions): ChainFactory {
  return (deps) => composeChain(deps, opts);
}

/** Opens storage, imports the genesis if needed and returns the component. */
export async function composeChain(deps: ChainDeps, opts: ChainFactoryOptions): Promise<ComposedChain> {
  const log = deps.logger.forModule("chain");
  const now = opts.now ?? (() => Date.now());
  if (deps.nodeKey === undefined) {
    throw new ThetaError(ComposeErrorCode.NoNodeKey, "node key: the chain needs an unlocked node key");
  }
  const nodePrivateKey = deps.nodeKey.privateKey;
  const storage = await openChainStorage(deps, log);
  const { kv, root, profile } = storage;
  let signatureWorkers: SignatureWorkerPool | undefined;
  try {
    const network = createNodeNetwork(deps.config, {
      chainId: root.chainId,
      headerForks: profile.headerForks,
      nodeKey: nodePrivateKey,
      log: deps.logger.forModule("p2p"),
    });
    signatureWorkers = await startSignatureThreads(deps.config, log);
    const configuredInterval = deps.config["consensus.blockIntervalMs"];
    const guardianRoundMs = opts.guardianRoundMs ?? deps.config["guardian.roundLength"] * 1000;
    const production = await createBlockProduction(
      {
        kv,
        state: storage.state,
        db: storage.db,
        blocks: root.blocks,
        txIndex: storage.txIndex,
        profile,
        crypto: storage.crypto,
        stateOptions: storage.stateOptions,
        network,
        metrics: deps.metrics,
        log,
        nodePrivateKey,
        root: { hash: root.rootHash, header: root.rootHeader },
        ...(signatureWorkers === undefined ? {} : { verifier: signatureWorkers }),
      },
      {
        blockIntervalMs: configuredInterval > 0 ? configuredInterval : profile.blockIntervalMs,
        broadcastTimeoutMs: Math.max(1000, deps.config["rpc.timeoutSecs"] * 1000 - 1000),
        guardianRoundMs,
        een: { enabled: deps.config["een.enabled"], roundMs: guardianRoundMs },
        stallWarningBlocks: deps.config["consensus.stallWarningBlocks"],
        syncMode: deps.config["sync.downloadByHeader"] ? "headerFirst" : "backward",
      },
    );
    const backupDeps = {
      kv,
      blocks: root.blocks,
      txIndex: storage.txIndex,
      profile,
      crypto: storage.crypto,
      stateOptions: storage.stateOptions,
      nowSeconds: () => BigInt(Math.floor(now() / 1000)),
    };
    const imports = deps.chainImport;
    if (imports?.dir !== undefined || imports?.correctionFile !== undefined) {
      await runChainImport(
        { ...backupDeps, executor: production.executor, log },
        { chainDir: imports.dir, correctionFile: imports.correctionFile },
      );
    }
    const { query, eth } = createChainReads({
      storage,
      production,
      network,
      config: deps.config,
      nodePrivateKey,
      log,
      now,
      clientVersion: opts.clientVersion ?? "theta-ts",
    });
    const refreshMetrics = async (): Promise<void> => {
      const fin = await root.blocks.lastFinalized();
      deps.metrics.height.set(Number(fin?.height ?? 0n));
      deps.metrics.finalizedHeight.set(Number(fin?.height ?? 0n));
      deps.metrics.mempoolSize.set(0);
    };
    let closed = false;
    return {
      query,
      eth,
      registerRpc(registry) {
        opts.registerRpc(registry, query, deps.config, eth);
        registerBackupRpc(registry, createChainBackups(backupDeps));
      },
      async start() {
        await refreshMetrics();
        await production.start();
        const s = production.engine.status();
        log.info(
          {
            chainId: root.chainId,
            finalizedHeight: s.lastFinalizedHeight.toString(),
            validator: s.isValidator,
            p2p: network.p2p === undefined ? "off" : network.p2p.listenAddrs(),
          },
          s.isValidator ? "block production started (validator)" : "following the chain (not a validator)",
        );
      },
      async stop() {
        if (closed) return;
        closed = true;
        await production.stop();
        await signatureWorkers?.close();
        await kv.close();
      },
    };
  } catch (e) {
    await signatureWorkers?.close();
    await kv.close();
    throw e;
  }
}
