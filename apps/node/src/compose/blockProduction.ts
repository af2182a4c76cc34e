/**
 * Block production: the ledger (with the chain profile and the EVM), the mempool on the last finalized
 * state, the executor, and the validator engine on a real clock with the LevelDB block and
 * vote stores. Finalized blocks get their tx index in the finalizing batch; the metrics and
 * the sync-broadcast waiters follow each finalized block.
 */
import { type ChainExecutor, createChainExecutor, createPreverifier } from "@theta/chain";
import {
  createGuardianService,
  createValidatorEngine,
  type Signer,
  type ValidatorEngine,
} from "@theta/consensus";
import type { BlockHeader, ChainProfile, Tx } from "@theta/core-types";
import {
  blsPublicKey,
  blsSecretKeyFromPrivateKey,
  blsSign,
  type SignatureBatchVerifier,
  type ThetaCrypto,
} from "@theta/crypto";
import { createContractRuntime } from "@theta/evm-adapter";
import {
  createLedger,
  createMempool,
  type Ledger,
  type Mempool,
  type TrieDatabase,
  withSignatureCache,
} from "@theta/ledger";
import {
  createTrieDatabase,
  createVersionedState,
  type KvStore,
  TrieEngine,
  type VersionedState,
  type VersionedStateOptions,
} from "@theta/trie-store";
import type { Logger } from "pino";
import { mempoolDropHandler } from "../mempoolDrops.ts";
import type { NodeMetrics } from "../metrics/nodeMetrics.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";
import { consensusBlockStore } from "../store/consensusBlockStore.ts";
import { createLastVoteStore } from "../store/lastVoteStore.ts";
import type { TxIndex } from "../store/txIndex.ts";
import { createEenLayer, type EenLayerOptions } from "./eenLayer.ts";
import { finalizedMetrics } from "./finalizedMetrics.ts";
import { openGuardianFinality } from "./guardianFinality.ts";
import { createNodeSync } from "./headerSync.ts";
import { createLiveChain, type LiveChain } from "./liveChain.ts";
import type { NodeNetwork } from "./network.ts";
import { createRealClock } from "./realClock.ts";
import { hasStateRoot } from "./stateDatabase.ts";
import { createVisibleState, createVoteObserver } from "./visibleState.ts";

/** Resolves after the I/O callbacks already queued: the preverifier's batch boundary. */
const nextEventLoopTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Dry runs served by one scratch ledger before it is replaced. */
const DRY_RUNS_PER_LEDGER = 1_000;

/** What block production is built from. */
export interface BlockProductionDeps {
  readonly kv: KvStore;
  readonly state: VersionedState;
  readonly db: TrieDatabase;
  readonly blocks: ChainBlockStore;
  readonly txIndex: TxIndex;
  readonly profile: ChainProfile;
  readonly crypto: ThetaCrypto;
  /** Options of the scratch states screening and dry runs use (the main state's engine). */
  readonly stateOptions?: VersionedStateOptions;
  readonly network: NodeNetwork;
  readonly metrics: NodeMetrics;
  readonly log: Logger;
  readonly nodePrivateKey: Uint8Array;
  readonly root: { readonly hash: Uint8Array; readonly header: BlockHeader };
  /** Checks submitted txs' signatures off the main thread (`crypto.signatureThreads`); none: inline. */
  readonly verifier?: SignatureBatchVerifier;
}

/** Options of block production. */
export interface BlockProductionOptions {
  readonly blockIntervalMs: number;
  /** How long a sync broadcast waits for finalization. */
  readonly broadcastTimeoutMs: number;
  /** Guardian gossip round length (reference 30,000 ms). */
  readonly guardianRoundMs?: number;
  /** The EEN layer (docs/consensus.md §3.6): every node aggregates; `enabled` also makes it an elite edge node. */
  readonly een?: EenLayerOptions;
  /** Block intervals without finality before the stall warning (0: off; default 5). */
  readonly stallWarningBlocks?: number;
  /** `backward`: no header-first sync, the engine's fetch by hash only (for comparisons). */
  readonly syncMode?: "headerFirst" | "backward";
}

/** The running parts. */
export interface BlockProduction {
  readonly ledger: Ledger;
  readonly mempool: Mempool;
  readonly engine: ValidatorEngine;
  readonly live: LiveChain;
  /** Block execution; its applied-but-unfinalized tx entries back early receipts. */
  readonly executor: ChainExecutor;
  /** Decision 5: the checkpoint of the best guardian aggregate, when it carries > 2/3 of guardian stake. */
  guardianFinalizedBlock(): Uint8Array | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds block production on the last finalized block. */
export async function createBlockProduction(
  deps: BlockProductionDeps,
  opts: BlockProductionOptions,
): Promise<BlockProduction> {
  const { blocks, profile } = deps;
  // One signature cache for every ledger (the main one and each screening or dry-run one): a tx's
  // signature is recovered once, when the mempool admits it, not again by each block's re-check,
  // its proposal and its application.
  const crypto = withSignatureCache(deps.crypto, 100_000);
  const sk = deps.nodePrivateKey;
  const runtime = createContractRuntime({ keccak256: crypto.keccak256 }, { profile });
  // Blocks from other proposers have their signatures checked on the workers by the executor, from
  // the block's arrival on (the node's own blocks find theirs in the cache from admission).
  const ledger = createLedger({ db: deps.db, profile, crypto, runtime });
  const fin = await blocks.lastFinalized();
  const finHeader =
    fin === undefined ? deps.root.header : ((await blocks.get(fin.hash))?.block.header ?? deps.root.header);
  // Dry runs (and screening on the MPT engine) write into tries they never commit. Each gets a
  // ledger on a node buffer of its own: the main state's buffer is drained (and its unreachable nodes
  // dropped) by every block commit, which would cut a live session's trie from under it.
  const scratchLedger = (): Ledger =>
    createLedger({
      db: createTrieDatabase({ state: createVersionedState(deps.kv, deps.stateOptions) }),
      profile,
      crypto,
      runtime,
    });
  // Mempool screening writes into tries it never hashes or commits. On the fast trie those
  // writes stay in memory (nothing reaches a node buffer), so screening runs on the main ledger
  // and reads the nodes the last block left in its decoded-node cache; a screening ledger of its
  // own would read every node the block changed from LevelDB again. The MPT engine writes each
  // node into the buffer as it goes, so there each session keeps its own scratch ledger.
  const screeningLedger =
    deps.stateOptions?.engine === TrieEngine.Fast ? (): Ledger => ledger : scratchLedger;
  // Dry runs share one scratch ledger for a while, so its decoded-node cache serves the next
  // calls (a fresh one per call read every node from LevelDB again); it is replaced every
  // DRY_RUNS_PER_LEDGER runs, which bounds what writing calls leave in its node buffer.
  let dryRuns = 0;
  let dryRunScratch: Ledger | undefined;
  const dryRunLedger = (): Ledger => {
    if (dryRunScratch === undefined || ++dryRuns > DRY_RUNS_PER_LEDGER) {
      dryRunScratch = scratchLedger();
      dryRuns = 1;
    }
    return dryRunScratch;
  };
  const mempool = createMempool(
    {
      ledger: { openScreener: (root, height) => screeningLedger().openScreener(root, height) },
      profile,
      crypto,
    },
    { root: finHeader.stateHash, height: finHeader.height, blockIntervalMs: opts.blockIntervalMs },
  );
  const signTx = (tx: Tx): Tx => crypto.signTx(profile.chainId, tx, sk);
  const verifier = deps.verifier;
  const preverify =
    verifier === undefined ? undefined : createPreverifier(verifier, crypto, profile, nextEventLoopTurn);
  const ethHashes = new Map<string, Uint8Array>();
  const executor = createChainExecutor({
    ethHashes,
    ledger,
    mempool,
    blocks,
    state: deps.state,
    hasRoot: (root) => hasStateRoot(deps.kv, root),
    crypto,
    signTx,
    onDropped: mempoolDropHandler(deps.log, (hashes) => live.abandoned(hashes)),
    ...(verifier === undefined ? {} : { verifier }),
  });
  const blsKey = blsSecretKeyFromPrivateKey(sk);
  const address = crypto.privateKeyToAddress(sk);
  const clock = createRealClock();
  const signer: Signer = {
    address: () => address,
    signSecp256k1: (m) => crypto.sign(m, sk),
    // Decision 9: the BLS key derives from the private key; the service signs only when it is in the pool.
    blsPubkey: () => blsPublicKey(blsKey).bytes,
    signBls: (m) => blsSign(blsKey, m).bytes,
  };
  const guardian = createGuardianService(
    { clock, network: deps.network.network, signer },
    opts.guardianRoundMs === undefined ? {} : { roundLengthMs: opts.guardianRoundMs },
  );
  const een = createEenLayer(
    {
      ledger,
      headerOf: async (hash) => (await blocks.get(hash))?.block.header,
      network: deps.network.network,
      clock,
      signer,
      keccak256: crypto.keccak256,
      profile,
      log: deps.log,
    },
    opts.een ?? { enabled: false },
  );
  const votes = createVoteObserver(profile.headerForks);
  const engine = createValidatorEngine(
    {
      clock,
      guardian,
      een: een.aggregator,
      network: votes.wrap(deps.network.network),
      store: consensusBlockStore(blocks, profile.headerForks, {
        opsFor: (hash, block) =>
          deps.txIndex.opsForBlock(hash, executor.indexEntries(hash), block.block.header),
      }),
      votes: createLastVoteStore(deps.kv),
      executor,
      signer,
      crypto,
    },
    {
      chainId: profile.chainId,
      forks: profile.headerForks,
      genesis: { header: deps.root.header, txs: [] },
      blockIntervalMs: opts.blockIntervalMs,
      checkpointInterval: profile.checkpointInterval,
      backwardFetch: () => sync.backwardFetchAllowed(),
    },
  );
  const { network, log, metrics } = { network: deps.network.network, log: deps.log, metrics: deps.metrics };
  const sync = createNodeSync({ clock, network, blocks, engine, profile, crypto, log }, opts.syncMode);
  deps.network.onTx((raw) => {
    // A peer's tx: admitted like a local one, refusals are the peer's problem.
    live.admitGossiped(raw).catch((e: unknown) => deps.log.warn({ err: e }, "gossiped tx failed screening"));
  });
  const live = createLiveChain({
    gossipTx: (raw) => deps.network.gossipTx(raw),
    profile,
    crypto,
    ethHashes,
    ledger: { dryRunContract: (root, raw, info) => dryRunLedger().dryRunContract(root, raw, info) },
    mempool,
    blocks,
    engineStatus: () => (running ? sync.status() : undefined),
    timeoutMs: opts.broadcastTimeoutMs,
    nowSeconds: () => BigInt(Math.floor(Date.now() / 1000)),
    ...(preverify === undefined ? {} : { preverify }),
  });
  let running = false;
  const visible = createVisibleState({ clock, metrics, log, engine: sync, executor, network, votes }, opts);
  const guardianFinality = await openGuardianFinality({ kv: deps.kv, blocks, guardian, log: deps.log });
  engine.onFinalized(
    finalizedMetrics({
      ...deps,
      crypto,
      executor,
      live,
      mempool,
      engine,
      guardianFinality,
      syncing: () => sync.state().syncing,
    }),
  );
  engine.onFinalized((f) => een.onFinalized(f));
  engine.onError((e) => deps.log.error({ err: e }, "consensus task failed"));
  engine.onEvidence((e) => deps.log.warn({ kind: e.kind }, "equivocation evidence"));
  return {
    ledger,
    mempool,
    engine,
    live,
    executor,
    async start() {
      await deps.network.start();
      await engine.start();
      sync.start();
      running = true;
      visible.start();
    },
    guardianFinalizedBlock: () => guardianFinality.current(),
    async stop() {
      if (!running) return;
      running = false;
      visible.stop();
      sync.stop();
      guardian.stop();
      een.stop();
      await guardianFinality.flush();
      await engine.stop();
      await deps.network.stop();
    },
  };
}
