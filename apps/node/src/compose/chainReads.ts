/**
 * The read side of the composition: the chain reader over the stores (with the applied, not yet
 * finalized blocks' entries), the `ChainQuery` facade of `theta.*`, the chain's events and the
 * `EthChain` view of the Ethereum API.
 */
import { hexToBytes } from "@theta/core-types";
import type { Logger } from "pino";
import type { ChainDeps } from "../chain.ts";
import type { ChainQuery } from "../rpc/chainQuery.ts";
import type { EthChain } from "../rpc/eth/ethChain.ts";
import type { BlockProduction } from "./blockProduction.ts";
import { createChainEventHub } from "./chainEvents.ts";
import { createChainQueryExtras } from "./chainQueryExtras.ts";
import { createChainQuery } from "./chainQueryFacade.ts";
import { createChainReader } from "./chainReader.ts";
import type { ChainStorage } from "./chainStorage.ts";
import { createEthChainView } from "./ethChainView.ts";
import type { NodeNetwork } from "./network.ts";
import { createSnapshotBackup } from "./snapshotBackup.ts";

/** What the read side is built from. */
export interface ChainReadsDeps {
  readonly storage: ChainStorage;
  readonly production: BlockProduction;
  readonly network: NodeNetwork;
  readonly config: ChainDeps["config"];
  readonly nodePrivateKey: Uint8Array;
  readonly log: Logger;
  /** Unix milliseconds now. */
  readonly now: () => number;
  readonly clientVersion: string;
}

/** Builds the facades and wires the events to the engine and the live chain. */
export function createChainReads(deps: ChainReadsDeps): {
  readonly query: ChainQuery;
  readonly eth: EthChain;
} {
  const { storage, production, network } = deps;
  const { root, txIndex, profile, crypto } = storage;
  const nowSeconds = (): bigint => BigInt(Math.floor(deps.now() / 1000));
  const reader = createChainReader({
    kv: storage.kv,
    db: storage.db,
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
      db: storage.db,
      forks: profile.headerForks,
      checkpointInterval: profile.checkpointInterval,
      nowSeconds,
    }),
    blocks: root.blocks,
    txIndex,
    reader,
    nodePrivateKey: deps.nodePrivateKey,
    chainId: root.chainId,
    genesisHash: configured === "" ? root.rootHash : hexToBytes(configured),
    root: { hash: root.rootHash, height: root.rootHeader.height },
    nowSeconds,
    live: production.live,
    guardianFinalized: () => production.guardianFinalizedBlock(),
    appliedTx: (hash) => production.executor.appliedTx(hash),
    extras: createChainQueryExtras({
      blocks: root.blocks,
      reader,
      rootHeight: root.rootHeader.height,
      enableSmartContractHeight: profile.heights.enableSmartContract,
    }),
    ...(network.p2p === undefined ? {} : { peers: network.p2p }),
  });
  const events = createChainEventHub((e) => deps.log.warn({ err: e }, "chain event listener failed"));
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
    clientVersion: deps.clientVersion,
    peerCount: () => (network.p2p === undefined ? 0 : network.p2p.peerIds().length),
    blockLogs: (from, to) => txIndex.blockLogs(from, to),
  });
  return { query, eth };
}
