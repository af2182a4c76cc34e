/**
 * The part of the `ChainQuery` facade behind the elite-edge-node, reward-distribution,
 * stake-return and block-tracing methods and the smart-contract fork check
 * (docs/interfaces.md §1.4 methods 6, 16–20 and 27). Same rules as chainQuery.ts: plain values in,
 * absence as values, thrown errors become -32000.
 */
import type {
  Address,
  BlockStatus,
  EliteEdgeNode,
  Hash,
  RewardDistribution,
  StakeWithHolder,
} from "@theta/core-types";
import type { PoolsAtHeight } from "./chainQuery.ts";

/**
 * A read at the *best* block of a height (the reference's `FindBestBlockByHeight`: the finalized
 * one, else the highest-status committed/valid/pending one): `noBlock` when the height has none
 * of those, `pruned` when its state is gone.
 */
export type BestBlockRead<T> =
  | { readonly kind: "found"; readonly blockHash: Hash; readonly value: T }
  | { readonly kind: "noBlock" }
  | { readonly kind: "pruned" };

/** One block's reward distribution rules: every rule, or the one asked for (undefined when absent). */
export interface SrdrsAtBlock {
  readonly blockHash: Hash;
  readonly rules: readonly (RewardDistribution | undefined)[];
}

/** One pending EEN stake-return list: its state key as text (`ls/eensrk/<height>`) and entries. */
export interface PendingStakeReturns {
  readonly heightKey: string;
  readonly returns: readonly StakeWithHolder[];
}

/** What `theta.TraceBlocks` needs of a stored block. */
export interface BlockLinks {
  readonly parent: Hash;
  readonly children: readonly Hash[];
  readonly status: BlockStatus;
}

/** Where the smart-contract fork stands (`theta.CallSmartContract`'s refusal). */
export interface SmartContractFork {
  /** Height of the block a dry run executes in: the view's height + 1. */
  readonly nextHeight: bigint;
  /** The profile's `enableSmartContract` height. */
  readonly enabledFrom: bigint;
}

/** Reads of the EEN pool, reward distributions, EEN stake returns and block links. */
export interface ChainQueryExtras {
  /** Every elite edge node (state key order) in the best block's state at `height`. */
  eenpAtHeight(height: bigint): Promise<BestBlockRead<readonly EliteEdgeNode[]>>;
  /** One elite edge node in the best block's state at `height` (undefined when not staked). */
  eenAtHeight(height: bigint, holder: Address): Promise<BestBlockRead<EliteEdgeNode | undefined>>;
  /**
   * Reward distribution rules of every stored block at `height` (any status): all of them in key
   * order, or only `holder`'s.
   */
  srdrsAtHeight(height: bigint, holder: Address | undefined): Promise<PoolsAtHeight<SrdrsAtBlock>>;
  /** The EEN stakes returned at `height`, from the node's latest state. */
  eenStakeReturns(height: bigint): Promise<readonly StakeWithHolder[]>;
  /** Every EEN stake-return list in the node's latest state, in state key order. */
  pendingEenStakeReturns(): Promise<readonly PendingStakeReturns[]>;
  /** A stored block's parent, children and status. */
  blockLinks(hash: Hash): Promise<BlockLinks | undefined>;
  /** The heights deciding whether a dry run is refused. */
  smartContractFork(): Promise<SmartContractFork>;
}
