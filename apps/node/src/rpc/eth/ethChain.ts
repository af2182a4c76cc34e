/**
 * What the Ethereum API reads beyond the `theta.*` facade: the EVM chain id and gas price floor,
 * the applied tip for `pending`, dry runs at any finalized state, and the chain's events for
 * filters and subscriptions. The composition implements it next to the ChainQuery.
 */
import type { Hash, Result, SmartContractTx } from "@theta/core-types";
import type { BlockLogs } from "../blockLogs.ts";
import type { BlockTx, ChainQuery, ContractCallResult, StoredBlock } from "../chainQuery.ts";

/** A tx the mempool admitted. */
export interface PendingTxEvent {
  /** keccak256 of the Theta raw tx. */
  readonly hash: Hash;
  /** keccak256 of the Ethereum raw tx, when it arrived as one. */
  readonly ethHash: Hash | undefined;
}

/** What the chain announces as it goes. */
export interface ChainEvents {
  /** Each newly finalized block, in height order, once its index entries are written. */
  onFinalizedBlock(listener: (block: StoredBlock) => void): () => void;
  /** Each tx the mempool admits. */
  onPendingTx(listener: (tx: PendingTxEvent) => void): () => void;
}

/** The Ethereum API's view of the running chain. */
export interface EthChain {
  readonly query: ChainQuery;
  readonly events: ChainEvents;
  /** `web3_clientVersion`, e.g. `theta-ts/v0.1.0/linux-x64/node-v20.19.0`. */
  readonly clientVersion: string;
  /** keccak256 (the node's crypto backend). */
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  /** The EVM chain id of the next block (privatenet 366). */
  evmChainId(): Promise<bigint>;
  /** The minimum gas price of a SmartContractTx in the next block, in TFuel wei. */
  minGasPrice(): Promise<bigint>;
  /** The maximum gas limit of one SmartContractTx in the next block. */
  maxGasLimit(): Promise<bigint>;
  /** The height of the block the node started from (genesis or the imported snapshot). */
  earliestHeight(): bigint;
  /** Hash and height of the last finalized block; undefined before any. */
  finalizedHead(): Promise<{ readonly hash: Hash; readonly height: bigint } | undefined>;
  /** The finalized block's hash at `height`, if one is stored. */
  finalizedHashAt(height: bigint): Promise<Hash | undefined>;
  /** A tx waiting in the mempool, by its Theta hash or the Ethereum hash it was submitted with. */
  pendingTx(hash: Hash): Promise<BlockTx | undefined>;
  /** The engine's tip (highest applied block), for the `pending` tag; undefined before any. */
  tip(): Promise<StoredBlock | undefined>;
  /**
   * Dry-runs `tx` on the state after block `parent` (a finalized or applied block), as the next
   * block would run it; undefined `parent` means the last finalized block.
   */
  dryRun(tx: SmartContractTx, parent: Hash | undefined): Promise<Result<ContractCallResult>>;
  /** The log index's records of finalized heights [from, to], ascending (blocks with logs only). */
  blockLogs(from: bigint, to: bigint): Promise<readonly BlockLogs[]>;
  /** Connected peers. */
  peerCount(): number;
}
