/**
 * The chain-backed JSON-RPC layer: the {@link ChainQuery} facade the composition implements and
 * {@link registerChainRpc}, which registers the `theta.*` methods on a registry.
 */
export type {
  BackupSnapshotRequest,
  BalanceChange,
  BlockRef,
  BlockTx,
  Broadcasted,
  BroadcastMode,
  ChainQuery,
  ChainStatus,
  ContractCallResult,
  EthBroadcasted,
  GcpAtBlock,
  GuardianInfo,
  IndexedTx,
  MempoolTxStatus,
  PoolsAtHeight,
  ReceiptLog,
  StateAt,
  StateRead,
  StoredBlock,
  TokenType,
  TxBalanceChanges,
  TxReceipt,
  VcpAtBlock,
} from "./chainQuery.ts";
export type {
  BestBlockRead,
  BlockLinks,
  ChainQueryExtras,
  PendingStakeReturns,
  SmartContractFork,
  SrdrsAtBlock,
} from "./chainQueryExtras.ts";
export { EthTranslateErrorCode, ethChainIdOfV, ethSigningHash, translateEthTx } from "./ethTranslate.ts";
export { JsonNumber, jsonNumber, stringifyExact, stringifyJson } from "./json/jsonText.ts";
export {
  type BlocksByRangeLimits,
  DEFAULT_BLOCKS_BY_RANGE_LIMITS,
  MAX_BLOCK_RANGE,
} from "./methods/getBlocksByRange.ts";
export { type ChainRpcOptions, registerChainRpc } from "./registerChainRpc.ts";
export { type StoredBlockDeps, toStoredBlock } from "./storedBlock.ts";
