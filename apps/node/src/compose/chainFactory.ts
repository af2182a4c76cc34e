/**
 * The chain composition behind `theta start` (the `ChainFactory` seam of src/chain.ts): opens
 * LevelDB under `<data>/db/main`, the versioned state with the configured pruning window, the
 * block store, tx index and last-vote store; imports the snapshot on first start; runs block
 * production (ledger, mempool, validator engine: a single validator when the node key is the
 * only validator, a follower when it is not a validator); serves the `theta.*` RPC methods
 * through the ChainQuery facade; keeps the chain metrics current; stops the engine and closes
 * the database on stop. Without p2p the node runs alone (no peers).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { hexToBytes, ThetaError } from "@theta/core-types";
import { createSignatureWorkers, type SignatureWorkerPool } from "@theta/platform-node";
import { createVersionedState, type KvStore } from "@theta/trie-store";
import { openLevelKvStore } from "../adapters/levelKvStore.ts";
import type { ChainComponent, ChainDeps, ChainFactory } from "../chain.ts";
import type { ChainQuery } from "../rpc/chainQuery.ts";
import type { EthChain } from "../rpc/eth/ethChain.ts";
import type { RpcRegistry } from "../rpc/registry.ts";
import { createTxIndex } from "../store/txIndex.ts";
import { createBlockProduction } from "./blockProduction.ts";
import { createChainEventHub } from "./chainEvents.ts";
import { createChainQuery } from "./chainQueryFacade.ts";
import { createChainReader } from "./chainReader.ts";
import { createEthChainView } from "./ethChainView.ts";
import { openChainRoot } from "./genesisImport.ts";
import { createNodeNetwork } from "./network.ts";
import { loadNodeCrypto, stateOptions } from "./nodeCrypto.ts";
import { profileForChain, withProfileOverrides } from "./profile.ts";
import { createSnapshotBackup } from "./snapshotBackup.ts";
import { createStateDatabase } from "./stateDatabase.ts";

/** Stable codes of the composition. */
export const ComposeErrorCode = { NoNodeKey: "NODE_NO_KEY", DbOpen: "NODE_DB_OPEN" } as const;

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
  /** Guardian gossip round length (default: the reference's 30 s). */
  readonly guardianRoundMs?: number;
}

/** The composed chain: the seam's component plus the facade (for tests and tools). */
export interface ComposedChain extends ChainComponent {
  readonly query: ChainQuery;
  readonly eth: EthChain;
}

/** The database directory under the data root, as the reference lays it out. */
export function mainDbDir(dataRoot: string): string {
  return join(dataRoot, "db", "main");
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
  const dir = mainDbDir(deps.paths.dataRoot);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const kv: KvStore = await openLevelKvStore(dir).catch((e: unknown) => {
    throw new ThetaError(
      ComposeErrorCode.DbOpen,
      `--data: cannot open the database at ${dir} (is another theta running on it?): ${(e as Error).message}`,
      { cause: e },
    );
  });
  let signatureWorkers: SignatureWorkerPool | undefined;
  try {
    const pruning = deps.config["storage.statePruningEnabled"];
    const crypto = await loadNodeCrypto(deps.config["crypto.backend"], log);
    const stateOpts = stateOptions(deps.config, crypto);
    const state = createVersionedState(kv, {
      ...stateOpts,
      ...(pruning ? { keepVersions: deps.config["storage.statePruningRetainedBlocks"] } : {}),
    });
    const root = await openChainRoot(
      { kv, state, log },
      { snapshotFile: deps.paths.snapshot, expectedGenesisHash: deps.config["genesis.hash"] },
    );
    const txIndex = createTxIndex(kv);
    const db = createStateDatabase(state);
    const profile = withProfileOverrides(profileForChain(root.chainId), {
      maxTxsPerBlock: deps.config["consensus.maxTxsPerBlock"],
    });
    const configuredInterval = deps.config["consensus.blockIntervalMs"];
    const network = createNodeNetwork(deps.config, {
      chainId: root.chainId,
      nodeKey: deps.nodeKey.privateKey,
      log: deps.logger.forModule("p2p"),
    });
    const threads = deps.config["crypto.signatureThreads"];
    signatureWorkers =
      threads > 0
        ? await createSignatureWorkers({
            threads,
            backend: deps.config["crypto.backend"] === "noble" ? "noble" : "native",
          }).catch((e: unknown) => {
            log.warn(
              { err: (e as Error).message },
              "crypto.signatureThreads: workers did not start, checking inline",
            );
            return undefined;
          })
        : undefined;
    const production = await createBlockProduction(
      {
        kv,
        state,
        db,
        blocks: root.blocks,
        txIndex,
        profile,
        crypto,
        stateOptions: stateOpts,
        network,
        metrics: deps.metrics,
        log,
        nodePrivateKey: deps.nodeKey.privateKey,
        root: { hash: root.rootHash, header: root.rootHeader },
        ...(signatureWorkers === undefined ? {} : { verifier: signatureWorkers }),
      },
      {
        blockIntervalMs: configuredInterval > 0 ? configuredInterval : profile.blockIntervalMs,
        broadcastTimeoutMs: Math.max(1000, deps.config["rpc.timeoutSecs"] * 1000 - 1000),
        ...(opts.guardianRoundMs === undefined ? {} : { guardianRoundMs: opts.guardianRoundMs }),
      },
    );
    const reader = createChainReader({
      kv,
      db,
      blocks: root.blocks,
      txIndex,
      keccak256: crypto.keccak256,
      appliedEntries: (hash) => production.executor.indexEntries(hash),
    });
    const configured = deps.config["genesis.hash"];
    const query = createChainQuery({
      crypto,
      backup: createSnapshotBackup({
        blocks: root.blocks,
        db,
        forks: profile.headerForks,
        checkpointInterval: profile.checkpointInterval,
        nowSeconds: () => BigInt(Math.floor(now() / 1000)),
      }),
      blocks: root.blocks,
      txIndex,
      reader,
      nodePrivateKey: deps.nodeKey.privateKey,
      chainId: root.chainId,
      genesisHash: configured === "" ? root.rootHash : hexToBytes(configured),
      root: { hash: root.rootHash, height: root.rootHeader.height },
      nowSeconds: () => BigInt(Math.floor(now() / 1000)),
      live: production.live,
      guardianFinalized: () => production.guardianFinalizedBlock(),
      appliedTx: (hash) => production.executor.appliedTx(hash),
      ...(network.p2p === undefined ? {} : { peers: network.p2p }),
    });
    const events = createChainEventHub((e) => log.warn({ err: e }, "chain event listener failed"));
    production.engine.onFinalized((f) => events.finalized(f.hash, (hash) => reader.storedBlock(hash)));
    production.live.onAdmitted((tx) => events.pending(tx));
    const eth = createEthChainView({
      query,
      events,
      blocks: root.blocks,
      live: production.live,
      profile,
      crypto,
      rootHeight: root.rootHeader.height,
      clientVersion: opts.clientVersion ?? "theta-ts",
      peerCount: () => (network.p2p === undefined ? 0 : network.p2p.peerIds().length),
      blockLogs: (from, to) => txIndex.blockLogs(from, to),
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
