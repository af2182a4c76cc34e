/**
 * The state view in Theta's key layout, every transaction executor, fees, block application, genesis and snapshots, the mempool.
 *
 * @packageDocumentation
 */

export * from "./chain/applyTxs.ts";
export * from "./chain/blockInfo.ts";
export * from "./chain/defaultCoinbase.ts";
export * from "./chain/errors.ts";
export * from "./chain/hooks.ts";
export * from "./chain/ledger.ts";
export * from "./chain/preverify.ts";
export * from "./chain/screener.ts";
export * from "./chain/signatureCache.ts";
export { decodeTxMemo, txHashMemo } from "./chain/txMemo.ts";
export * from "./execution/accounts.ts";
export * from "./execution/coinbaseTx.ts";
export * from "./execution/context.ts";
export * from "./execution/contractDryRun.ts";
export * from "./execution/depositStakeTx.ts";
export * from "./execution/executeTx.ts";
export * from "./execution/inputs.ts";
export * from "./execution/reserveFundTx.ts";
export * from "./execution/resultCodes.ts";
export * from "./execution/sendTx.ts";
export * from "./execution/servicePaymentTx.ts";
export * from "./execution/slashTx.ts";
export * from "./execution/smartContractTx.ts";
export * from "./execution/splitRuleTx.ts";
export * from "./execution/stakeReturns.ts";
export * from "./execution/stakeRewardDistributionTx.ts";
export * from "./execution/withdrawStakeTx.ts";
export * from "./mempool/errors.ts";
export * from "./mempool/mempool.ts";
export * from "./mempool/txPriority.ts";
export * from "./ports.ts";
export * from "./rewards/blockInfo.ts";
export * from "./rewards/blockRewards.ts";
export * from "./rewards/constants.ts";
export * from "./rewards/errors.ts";
export * from "./rewards/hashRand.ts";
export * from "./rewards/rewardMap.ts";
export * from "./rewards/samples.ts";
export * from "./rewards/stakeGroups.ts";
export * from "./staking/amounts.ts";
export * from "./staking/blsSummary.ts";
export * from "./staking/eliteEdgeNodes.ts";
export * from "./staking/errors.ts";
export * from "./staking/guardianPool.ts";
export * from "./staking/stakeHolder.ts";
export * from "./staking/validatorPool.ts";
export * from "./state/errors.ts";
export * from "./state/genesisDescription.ts";
export * from "./state/genesisSnapshot.ts";
export * from "./state/snapshotErrors.ts";
export * from "./state/snapshotExport.ts";
export * from "./state/snapshotStorage.ts";
export * from "./state/stateView.ts";
export * from "./state/storageWord.ts";
export * from "./state/vcpOrder.ts";
