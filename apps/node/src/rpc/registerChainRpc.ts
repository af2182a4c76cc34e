import type { ChainQuery } from "./chainQuery.ts";
import { backupSnapshotMethod } from "./methods/backupSnapshot.ts";
import {
  broadcastRawEthTransactionAsyncMethod,
  broadcastRawEthTransactionMethod,
  broadcastRawTransactionAsyncMethod,
  broadcastRawTransactionMethod,
} from "./methods/broadcastRawTransaction.ts";
import { callSmartContractMethod } from "./methods/callSmartContract.ts";
import {
  getAllPendingEliteEdgeNodeStakeReturnsMethod,
  getEliteEdgeNodeStakeReturnsByHeightMethod,
} from "./methods/eenStakeReturns.ts";
import { getAccountMethod } from "./methods/getAccount.ts";
import { getBlockMethod } from "./methods/getBlock.ts";
import { getBlockByHeightMethod } from "./methods/getBlockByHeight.ts";
import {
  type BlocksByRangeLimits,
  DEFAULT_BLOCKS_BY_RANGE_LIMITS,
  getBlocksByRangeMethod,
} from "./methods/getBlocksByRange.ts";
import { getCodeMethod } from "./methods/getCode.ts";
import { getEenpByHeightMethod } from "./methods/getEenpByHeight.ts";
import { getEenpStakeByHeightMethod } from "./methods/getEenpStakeByHeight.ts";
import { getGcpByHeightMethod } from "./methods/getGcpByHeight.ts";
import { getGuardianInfoMethod } from "./methods/getGuardianInfo.ts";
import { getPeersMethod } from "./methods/getPeers.ts";
import { getPeerUrlsMethod } from "./methods/getPeerUrls.ts";
import { getPendingTransactionsMethod } from "./methods/getPendingTransactions.ts";
import { getSplitRuleMethod } from "./methods/getSplitRule.ts";
import { getStakeRewardDistributionByHeightMethod } from "./methods/getStakeRewardDistributionByHeight.ts";
import { getStatusMethod } from "./methods/getStatus.ts";
import { getStorageAtMethod } from "./methods/getStorageAt.ts";
import { getTransactionMethod } from "./methods/getTransaction.ts";
import { getVcpByHeightMethod } from "./methods/getVcpByHeight.ts";
import { traceBlocksMethod } from "./methods/traceBlocks.ts";
import type { RpcRegistry } from "./registry.ts";

/** Options of {@link registerChainRpc}. */
export interface ChainRpcOptions {
  /** GetBlocksByRange throttling; the reference's defaults when absent. */
  readonly blocksByRange?: BlocksByRangeLimits;
  /** Uniform in [0, 1), for shuffling GetPeerURLs; Math.random when absent. */
  readonly random?: () => number;
  /** Also register the operator method theta.BackupSnapshot (default true). */
  readonly backup?: boolean;
}

/**
 * Registers every chain-backed `theta.*` method (docs/interfaces.md §1.4, except those apps/node/README.md
 * lists as not implemented, and theta.GetVersion, which the node shell registers itself) on `registry`, reading the
 * chain through `chain`.
 */
export function registerChainRpc(registry: RpcRegistry, chain: ChainQuery, opts: ChainRpcOptions = {}): void {
  registry.register(getStatusMethod(chain));
  registry.register(getAccountMethod(chain));
  registry.register(getSplitRuleMethod(chain));
  registry.register(getTransactionMethod(chain));
  registry.register(getPendingTransactionsMethod(chain));
  registry.register(traceBlocksMethod(chain));
  registry.register(getBlockMethod(chain));
  registry.register(getBlockByHeightMethod(chain));
  registry.register(getBlocksByRangeMethod(chain, opts.blocksByRange ?? DEFAULT_BLOCKS_BY_RANGE_LIMITS));
  registry.register(getVcpByHeightMethod(chain));
  registry.register(getGcpByHeightMethod(chain));
  registry.register(getGuardianInfoMethod(chain));
  registry.register(getEenpByHeightMethod(chain));
  registry.register(getEenpStakeByHeightMethod(chain));
  registry.register(getStakeRewardDistributionByHeightMethod(chain));
  registry.register(getEliteEdgeNodeStakeReturnsByHeightMethod(chain));
  registry.register(getAllPendingEliteEdgeNodeStakeReturnsMethod(chain));
  registry.register(getCodeMethod(chain));
  registry.register(getStorageAtMethod(chain));
  registry.register(getPeersMethod(chain));
  registry.register(getPeerUrlsMethod(chain, opts.random ?? Math.random));
  registry.register(broadcastRawTransactionMethod(chain));
  registry.register(broadcastRawTransactionAsyncMethod(chain));
  registry.register(broadcastRawEthTransactionMethod(chain));
  registry.register(broadcastRawEthTransactionAsyncMethod(chain));
  registry.register(callSmartContractMethod(chain));
  if (opts.backup !== false) registry.register(backupSnapshotMethod(chain));
}
