/** The default coinbase builder: the block rewards of docs/ledger.md §8 paid to their addresses (§5.1). */
import { type CoinbaseTx, TxType, ZERO_COINS } from "@theta/core-types";
import { buildCoinbaseOutputs } from "../rewards/blockRewards.ts";
import type { BlockInfo } from "./blockInfo.ts";
import type { BlockHookContext } from "./hooks.ts";

/**
 * The unsigned CoinbaseTx of the proposer of block H: outputs from `buildCoinbaseOutputs`,
 * BlockHeight = H − 1. Undefined when `info.rewards` is absent (no validator set known).
 */
export async function buildDefaultCoinbase(
  ctx: BlockHookContext,
  info: BlockInfo,
): Promise<CoinbaseTx | undefined> {
  if (info.rewards === undefined) return undefined;
  return {
    type: TxType.Coinbase,
    proposer: { address: info.proposer, coins: ZERO_COINS, sequence: 0n, signature: new Uint8Array(0) },
    outputs: await buildCoinbaseOutputs(ctx, info.rewards),
    blockHeight: info.height - 1n,
  };
}
